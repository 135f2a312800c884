/* The offsets the forge writes, resolved once from the ISF model so that
 * the image always matches the symbol table emitted beside it.
 *
 * Each entry names a type and a dotted field path inside it ("Cid.UniqueThread",
 * "u.VadFlags.Protection"); resolution follows nested structs and unions and
 * records the byte offset, size and, for bitfields, position and length.
 * Required entries must exist in the profile; optional ones that are absent
 * resolve to off = -1 and writes to them are skipped. */
#ifndef EPROC_FORGE_LAYOUT_H
#define EPROC_FORGE_LAYOUT_H

#include <stdint.h>

#include "base/diag.h"

struct isf;

struct fld {
    int32_t off;        /* -1: absent from the profile */
    uint32_t size;      /* bytes of the storage unit */
    uint8_t bitpos, bitlen;   /* bitlen 0: not a bitfield */
};

/* X(member, type, path, required) */
#define FORGE_FIELDS(X) \
    X(le_Flink, "_LIST_ENTRY", "Flink", 1) \
    X(le_Blink, "_LIST_ENTRY", "Blink", 1) \
    X(us_Length, "_UNICODE_STRING", "Length", 1) \
    X(us_MaximumLength, "_UNICODE_STRING", "MaximumLength", 1) \
    X(us_Buffer, "_UNICODE_STRING", "Buffer", 1) \
    X(kt_TrapFrame, "_KTHREAD", "TrapFrame", 0) \
    X(ewp_Peb, "_EWOW64PROCESS", "Peb", 0) \
    X(ewp_NtdllType, "_EWOW64PROCESS", "NtdllType", 0) \
    X(teb_WowTebOffset, "_TEB", "WowTebOffset", 0) \
    X(peb32_ImageBaseAddress, "_PEB32", "ImageBaseAddress", 0) \
    X(peb32_Ldr, "_PEB32", "Ldr", 0) \
    X(peb32_ProcessParameters, "_PEB32", "ProcessParameters", 0) \
    X(peb32_ProcessHeap, "_PEB32", "ProcessHeap", 0) \
    X(peb32_NumberOfProcessors, "_PEB32", "NumberOfProcessors", 0) \
    X(peb32_NumberOfHeaps, "_PEB32", "NumberOfHeaps", 0) \
    X(peb32_MaximumNumberOfHeaps, "_PEB32", "MaximumNumberOfHeaps", 0) \
    X(peb32_OSMajorVersion, "_PEB32", "OSMajorVersion", 0) \
    X(peb32_OSMinorVersion, "_PEB32", "OSMinorVersion", 0) \
    X(peb32_OSBuildNumber, "_PEB32", "OSBuildNumber", 0) \
    X(peb32_OSPlatformId, "_PEB32", "OSPlatformId", 0) \
    X(peb32_ImageSubsystem, "_PEB32", "ImageSubsystem", 0) \
    X(peb32_ImageSubsystemMajorVersion, "_PEB32", "ImageSubsystemMajorVersion", 0) \
    X(peb32_SessionId, "_PEB32", "SessionId", 0) \
    X(teb32_ExceptionList, "_TEB32", "NtTib.ExceptionList", 0) \
    X(teb32_StackBase, "_TEB32", "NtTib.StackBase", 0) \
    X(teb32_StackLimit, "_TEB32", "NtTib.StackLimit", 0) \
    X(teb32_FiberData, "_TEB32", "NtTib.FiberData", 0) \
    X(teb32_Self, "_TEB32", "NtTib.Self", 0) \
    X(teb32_ClientIdProcess, "_TEB32", "ClientId.UniqueProcess", 0) \
    X(teb32_ClientIdThread, "_TEB32", "ClientId.UniqueThread", 0) \
    X(teb32_ProcessEnvironmentBlock, "_TEB32", "ProcessEnvironmentBlock", 0) \
    X(teb32_CurrentLocale, "_TEB32", "CurrentLocale", 0) \
    X(teb32_RealClientIdProcess, "_TEB32", "RealClientId.UniqueProcess", 0) \
    X(teb32_RealClientIdThread, "_TEB32", "RealClientId.UniqueThread", 0) \
    X(teb32_DeallocationStack, "_TEB32", "DeallocationStack", 0) \
    X(teb32_WowTebOffset, "_TEB32", "WowTebOffset", 0) \
    X(ldr32_Length, "_PEB_LDR_DATA32", "Length", 0) \
    X(ldr32_Initialized, "_PEB_LDR_DATA32", "Initialized", 0) \
    X(ldr32_InLoadOrderModuleList, "_PEB_LDR_DATA32", "InLoadOrderModuleList", 0) \
    X(ldr32_InMemoryOrderModuleList, "_PEB_LDR_DATA32", "InMemoryOrderModuleList", 0) \
    X(ldr32_InInitializationOrderModuleList, "_PEB_LDR_DATA32", "InInitializationOrderModuleList", 0) \
    X(lde32_InLoadOrderLinks, "_LDR_DATA_TABLE_ENTRY32", "InLoadOrderLinks", 0) \
    X(lde32_InMemoryOrderLinks, "_LDR_DATA_TABLE_ENTRY32", "InMemoryOrderLinks", 0) \
    X(lde32_InInitializationOrderLinks, "_LDR_DATA_TABLE_ENTRY32", "InInitializationOrderLinks", 0) \
    X(lde32_DllBase, "_LDR_DATA_TABLE_ENTRY32", "DllBase", 0) \
    X(lde32_EntryPoint, "_LDR_DATA_TABLE_ENTRY32", "EntryPoint", 0) \
    X(lde32_SizeOfImage, "_LDR_DATA_TABLE_ENTRY32", "SizeOfImage", 0) \
    X(lde32_FullDllName, "_LDR_DATA_TABLE_ENTRY32", "FullDllName", 0) \
    X(lde32_BaseDllName, "_LDR_DATA_TABLE_ENTRY32", "BaseDllName", 0) \
    X(lde32_Flags, "_LDR_DATA_TABLE_ENTRY32", "Flags", 0) \
    X(lde32_ObsoleteLoadCount, "_LDR_DATA_TABLE_ENTRY32", "ObsoleteLoadCount", 0) \
    X(lde32_TimeDateStamp, "_LDR_DATA_TABLE_ENTRY32", "TimeDateStamp", 0) \
    X(lde32_LoadReason, "_LDR_DATA_TABLE_ENTRY32", "LoadReason", 0) \
    X(lde32_ReferenceCount, "_LDR_DATA_TABLE_ENTRY32", "ReferenceCount", 0) \
    X(ktf_PreviousMode, "_KTRAP_FRAME", "PreviousMode", 0) \
    X(ktf_MxCsr, "_KTRAP_FRAME", "MxCsr", 0) \
    X(ktf_Rcx, "_KTRAP_FRAME", "Rcx", 0) \
    X(ktf_Rip, "_KTRAP_FRAME", "Rip", 0) \
    X(ktf_SegCs, "_KTRAP_FRAME", "SegCs", 0) \
    X(ktf_EFlags, "_KTRAP_FRAME", "EFlags", 0) \
    X(ktf_Rsp, "_KTRAP_FRAME", "Rsp", 0) \
    X(ktf_SegSs, "_KTRAP_FRAME", "SegSs", 0) \
    X(ctx_ContextFlags, "_CONTEXT", "ContextFlags", 0) \
    X(ctx_MxCsr, "_CONTEXT", "MxCsr", 0) \
    X(ctx_SegCs, "_CONTEXT", "SegCs", 0) \
    X(ctx_SegDs, "_CONTEXT", "SegDs", 0) \
    X(ctx_SegEs, "_CONTEXT", "SegEs", 0) \
    X(ctx_SegFs, "_CONTEXT", "SegFs", 0) \
    X(ctx_SegGs, "_CONTEXT", "SegGs", 0) \
    X(ctx_SegSs, "_CONTEXT", "SegSs", 0) \
    X(ctx_EFlags, "_CONTEXT", "EFlags", 0) \
    X(ctx_Rcx, "_CONTEXT", "Rcx", 0) \
    X(ctx_Rdx, "_CONTEXT", "Rdx", 0) \
    X(ctx_Rsp, "_CONTEXT", "Rsp", 0) \
    X(ctx_Rip, "_CONTEXT", "Rip", 0) \
    X(ph_PreviousSize, "_POOL_HEADER", "PreviousSize", 1) \
    X(ph_PoolIndex, "_POOL_HEADER", "PoolIndex", 0) \
    X(ph_BlockSize, "_POOL_HEADER", "BlockSize", 1) \
    X(ph_PoolType, "_POOL_HEADER", "PoolType", 1) \
    X(ph_PoolTag, "_POOL_HEADER", "PoolTag", 1) \
    X(ph_ProcessBilled, "_POOL_HEADER", "ProcessBilled", 0) \
    X(oh_PointerCount, "_OBJECT_HEADER", "PointerCount", 1) \
    X(oh_HandleCount, "_OBJECT_HEADER", "HandleCount", 1) \
    X(oh_TypeIndex, "_OBJECT_HEADER", "TypeIndex", 1) \
    X(oh_InfoMask, "_OBJECT_HEADER", "InfoMask", 1) \
    X(oh_Flags, "_OBJECT_HEADER", "Flags", 0) \
    X(oh_ObjectCreateInfo, "_OBJECT_HEADER", "ObjectCreateInfo", 0) \
    X(oh_SecurityDescriptor, "_OBJECT_HEADER", "SecurityDescriptor", 0) \
    X(oh_Body, "_OBJECT_HEADER", "Body", 1) \
    X(onh_Directory, "_OBJECT_HEADER_NAME_INFO", "Directory", 0) \
    X(onh_Name, "_OBJECT_HEADER_NAME_INFO", "Name", 0) \
    X(onh_ReferenceCount, "_OBJECT_HEADER_NAME_INFO", "ReferenceCount", 0) \
    X(och_TypeList, "_OBJECT_HEADER_CREATOR_INFO", "TypeList", 0) \
    X(och_CreatorUniqueProcess, "_OBJECT_HEADER_CREATOR_INFO", "CreatorUniqueProcess", 0) \
    X(oqh_ExclusiveProcess, "_OBJECT_HEADER_QUOTA_INFO", "SecurityDescriptorQuotaBlock", 0) \
    X(oph_ExclusiveProcess, "_OBJECT_HEADER_PROCESS_INFO", "ExclusiveProcess", 0) \
    X(opad_PaddingAmount, "_OBJECT_HEADER_PADDING_INFO", "PaddingAmount", 0) \
    X(ot_TypeList, "_OBJECT_TYPE", "TypeList", 1) \
    X(ot_Name, "_OBJECT_TYPE", "Name", 1) \
    X(ot_Index, "_OBJECT_TYPE", "Index", 1) \
    X(ot_TotalNumberOfObjects, "_OBJECT_TYPE", "TotalNumberOfObjects", 0) \
    X(ot_TotalNumberOfHandles, "_OBJECT_TYPE", "TotalNumberOfHandles", 0) \
    X(ot_HighWaterNumberOfObjects, "_OBJECT_TYPE", "HighWaterNumberOfObjects", 0) \
    X(ot_HighWaterNumberOfHandles, "_OBJECT_TYPE", "HighWaterNumberOfHandles", 0) \
    X(ot_Key, "_OBJECT_TYPE", "Key", 0) \
    X(ot_CallbackList, "_OBJECT_TYPE", "CallbackList", 0) \
    X(ot_PoolType, "_OBJECT_TYPE", "TypeInfo.PoolType", 0) \
    X(ot_DefaultNonPagedPoolCharge, "_OBJECT_TYPE", "TypeInfo.DefaultNonPagedPoolCharge", 0) \
    X(ot_ValidAccessMask, "_OBJECT_TYPE", "TypeInfo.ValidAccessMask", 0) \
    X(dh_Type, "_DISPATCHER_HEADER", "Type", 0) \
    X(dh_Size, "_DISPATCHER_HEADER", "Size", 0) \
    X(dh_SignalState, "_DISPATCHER_HEADER", "SignalState", 0) \
    X(dh_WaitListHead, "_DISPATCHER_HEADER", "WaitListHead", 0) \
    X(kp_Header, "_KPROCESS", "Header", 0) \
    X(kp_DirectoryTableBase, "_KPROCESS", "DirectoryTableBase", 1) \
    X(kp_ThreadListHead, "_KPROCESS", "ThreadListHead", 0) \
    X(kp_ProcessListEntry, "_KPROCESS", "ProcessListEntry", 0) \
    X(kp_BasePriority, "_KPROCESS", "BasePriority", 0) \
    X(kp_UserDirectoryTableBase, "_KPROCESS", "UserDirectoryTableBase", 0) \
    X(kp_KernelTime, "_KPROCESS", "KernelTime", 0) \
    X(kp_UserTime, "_KPROCESS", "UserTime", 0) \
    X(kp_ActiveProcessors, "_KPROCESS", "ActiveProcessors", 0) \
    X(ep_Pcb, "_EPROCESS", "Pcb", 1) \
    X(ep_UniqueProcessId, "_EPROCESS", "UniqueProcessId", 1) \
    X(ep_ActiveProcessLinks, "_EPROCESS", "ActiveProcessLinks", 1) \
    X(ep_RundownProtect, "_EPROCESS", "RundownProtect", 0) \
    X(ep_Flags2, "_EPROCESS", "Flags2", 0) \
    X(ep_Flags, "_EPROCESS", "Flags", 0) \
    X(ep_CreateTime, "_EPROCESS", "CreateTime", 1) \
    X(ep_PeakVirtualSize, "_EPROCESS", "PeakVirtualSize", 0) \
    X(ep_VirtualSize, "_EPROCESS", "VirtualSize", 0) \
    X(ep_SessionProcessLinks, "_EPROCESS", "SessionProcessLinks", 0) \
    X(ep_Token, "_EPROCESS", "Token", 1) \
    X(ep_Win32Process, "_EPROCESS", "Win32Process", 0) \
    X(ep_Job, "_EPROCESS", "Job", 0) \
    X(ep_ServerSilo, "_EPROCESS", "ServerSilo", 0) \
    X(ep_SectionObject, "_EPROCESS", "SectionObject", 0) \
    X(ep_SectionBaseAddress, "_EPROCESS", "SectionBaseAddress", 0) \
    X(ep_Cookie, "_EPROCESS", "Cookie", 0) \
    X(ep_Win32WindowStation, "_EPROCESS", "Win32WindowStation", 0) \
    X(ep_InheritedFromUniqueProcessId, "_EPROCESS", "InheritedFromUniqueProcessId", 1) \
    X(ep_OwnerProcessId, "_EPROCESS", "OwnerProcessId", 0) \
    X(ep_Peb, "_EPROCESS", "Peb", 1) \
    X(ep_Session, "_EPROCESS", "Session", 0) \
    X(ep_ObjectTable, "_EPROCESS", "ObjectTable", 1) \
    X(ep_WoW64Process, "_EPROCESS", "WoW64Process", 0) \
    X(ep_PageDirectoryPte, "_EPROCESS", "PageDirectoryPte", 0) \
    X(ep_ImageFilePointer, "_EPROCESS", "ImageFilePointer", 0) \
    X(ep_ImageFileName, "_EPROCESS", "ImageFileName", 1) \
    X(ep_PriorityClass, "_EPROCESS", "PriorityClass", 0) \
    X(ep_SeAuditProcessCreationInfo, "_EPROCESS", "SeAuditProcessCreationInfo", 0) \
    X(ep_JobLinks, "_EPROCESS", "JobLinks", 0) \
    X(ep_HighestUserAddress, "_EPROCESS", "HighestUserAddress", 0) \
    X(ep_ThreadListHead, "_EPROCESS", "ThreadListHead", 1) \
    X(ep_ActiveThreads, "_EPROCESS", "ActiveThreads", 1) \
    X(ep_ImagePathHash, "_EPROCESS", "ImagePathHash", 0) \
    X(ep_CommitCharge, "_EPROCESS", "CommitCharge", 0) \
    X(ep_MmProcessLinks, "_EPROCESS", "MmProcessLinks", 0) \
    X(mi_ProcessList, "_MI_SYSTEM_INFORMATION", "Processes.ProcessList", 0) \
    X(ep_ExitStatus, "_EPROCESS", "ExitStatus", 0) \
    X(ep_VadRoot, "_EPROCESS", "VadRoot", 1) \
    X(ep_VadHint, "_EPROCESS", "VadHint", 0) \
    X(ep_VadCount, "_EPROCESS", "VadCount", 0) \
    X(ep_ExitTime, "_EPROCESS", "ExitTime", 1) \
    X(ep_ActiveThreadsHighWatermark, "_EPROCESS", "ActiveThreadsHighWatermark", 0) \
    X(ep_SignatureLevel, "_EPROCESS", "SignatureLevel", 0) \
    X(ep_SectionSignatureLevel, "_EPROCESS", "SectionSignatureLevel", 0) \
    X(ep_Protection, "_EPROCESS", "Protection", 0) \
    X(ep_Flags3, "_EPROCESS", "Flags3", 0) \
    X(ep_DxgProcess, "_EPROCESS", "DxgProcess", 0) \
    X(ep_Machine, "_EPROCESS", "Machine", 0) \
    X(ep_SequenceNumber, "_EPROCESS", "SequenceNumber", 0) \
    X(ep_CreateInterruptTime, "_EPROCESS", "CreateInterruptTime", 0) \
    X(ep_MitigationFlags, "_EPROCESS", "MitigationFlags", 0) \
    X(kt_Header, "_KTHREAD", "Header", 0) \
    X(kt_InitialStack, "_KTHREAD", "InitialStack", 0) \
    X(kt_StackLimit, "_KTHREAD", "StackLimit", 0) \
    X(kt_StackBase, "_KTHREAD", "StackBase", 0) \
    X(kt_KernelStack, "_KTHREAD", "KernelStack", 0) \
    X(kt_MiscFlags, "_KTHREAD", "MiscFlags", 0) \
    X(kt_ThreadFlags, "_KTHREAD", "ThreadFlags", 0) \
    X(kt_SystemThread, "_KTHREAD", "SystemThread", 0) \
    X(kt_Teb, "_KTHREAD", "Teb", 0) \
    X(kt_Ucb, "_KTHREAD", "Ucb", 0) \
    X(kt_State, "_KTHREAD", "State", 0) \
    X(kt_ApcStateProcess, "_KTHREAD", "ApcState.Process", 0) \
    X(kt_Priority, "_KTHREAD", "Priority", 0) \
    X(kt_BasePriority, "_KTHREAD", "BasePriority", 0) \
    X(kt_WaitReason, "_KTHREAD", "WaitReason", 0) \
    X(kt_PreviousMode, "_KTHREAD", "PreviousMode", 0) \
    X(kt_Win32Thread, "_KTHREAD", "Win32Thread", 0) \
    X(kt_Process, "_KTHREAD", "Process", 0) \
    X(kt_ThreadListEntry, "_KTHREAD", "ThreadListEntry", 0) \
    X(kt_KernelTime, "_KTHREAD", "KernelTime", 0) \
    X(kt_UserTime, "_KTHREAD", "UserTime", 0) \
    X(kt_Affinity, "_KTHREAD", "Affinity", 0) \
    X(kt_NextProcessor, "_KTHREAD", "NextProcessor", 0) \
    X(et_Tcb, "_ETHREAD", "Tcb", 1) \
    X(et_CreateTime, "_ETHREAD", "CreateTime", 1) \
    X(et_ExitTime, "_ETHREAD", "ExitTime", 1) \
    X(et_StartAddress, "_ETHREAD", "StartAddress", 1) \
    X(et_CidProcess, "_ETHREAD", "Cid.UniqueProcess", 1) \
    X(et_CidThread, "_ETHREAD", "Cid.UniqueThread", 1) \
    X(et_Win32StartAddress, "_ETHREAD", "Win32StartAddress", 0) \
    X(et_ThreadListEntry, "_ETHREAD", "ThreadListEntry", 1) \
    X(et_RundownProtect, "_ETHREAD", "RundownProtect", 0) \
    X(et_CrossThreadFlags, "_ETHREAD", "CrossThreadFlags", 0) \
    X(et_ActiveImpersonationInfo, "_ETHREAD", "ActiveImpersonationInfo", 0) \
    X(et_ClientSecurity, "_ETHREAD", "ClientSecurity", 0) \
    X(et_ExitStatus, "_ETHREAD", "ExitStatus", 0) \
    X(et_IrpList, "_ETHREAD", "IrpList", 0) \
    X(et_FlsData, "_ETHREAD", "FlsData", 0) \
    X(et_UserFsBase, "_ETHREAD", "UserFsBase", 0) \
    X(et_UserGsBase, "_ETHREAD", "UserGsBase", 0) \
    X(ht_NextHandleNeedingPool, "_HANDLE_TABLE", "NextHandleNeedingPool", 1) \
    X(ht_TableCode, "_HANDLE_TABLE", "TableCode", 1) \
    X(ht_QuotaProcess, "_HANDLE_TABLE", "QuotaProcess", 0) \
    X(ht_HandleTableList, "_HANDLE_TABLE", "HandleTableList", 0) \
    X(ht_UniqueProcessId, "_HANDLE_TABLE", "UniqueProcessId", 0) \
    X(ht_Flags, "_HANDLE_TABLE", "Flags", 0) \
    X(ht_HandleCount, "_HANDLE_TABLE", "HandleCount", 0) \
    X(hte_Unlocked, "_HANDLE_TABLE_ENTRY", "Unlocked", 0) \
    X(hte_RefCnt, "_HANDLE_TABLE_ENTRY", "RefCnt", 0) \
    X(hte_Attributes, "_HANDLE_TABLE_ENTRY", "Attributes", 0) \
    X(hte_ObjectPointerBits, "_HANDLE_TABLE_ENTRY", "ObjectPointerBits", 1) \
    X(hte_GrantedAccessBits, "_HANDLE_TABLE_ENTRY", "GrantedAccessBits", 1) \
    X(tk_TokenSource, "_TOKEN", "TokenSource", 0) \
    X(tk_TokenId, "_TOKEN", "TokenId", 0) \
    X(tk_AuthenticationId, "_TOKEN", "AuthenticationId", 0) \
    X(tk_ParentTokenId, "_TOKEN", "ParentTokenId", 0) \
    X(tk_ExpirationTime, "_TOKEN", "ExpirationTime", 0) \
    X(tk_ModifiedId, "_TOKEN", "ModifiedId", 0) \
    X(tk_PrivPresent, "_TOKEN", "Privileges.Present", 1) \
    X(tk_PrivEnabled, "_TOKEN", "Privileges.Enabled", 1) \
    X(tk_PrivEnabledByDefault, "_TOKEN", "Privileges.EnabledByDefault", 0) \
    X(tk_SessionId, "_TOKEN", "SessionId", 0) \
    X(tk_UserAndGroupCount, "_TOKEN", "UserAndGroupCount", 1) \
    X(tk_RestrictedSidCount, "_TOKEN", "RestrictedSidCount", 0) \
    X(tk_VariableLength, "_TOKEN", "VariableLength", 0) \
    X(tk_DynamicCharged, "_TOKEN", "DynamicCharged", 0) \
    X(tk_DynamicAvailable, "_TOKEN", "DynamicAvailable", 0) \
    X(tk_DefaultOwnerIndex, "_TOKEN", "DefaultOwnerIndex", 0) \
    X(tk_UserAndGroups, "_TOKEN", "UserAndGroups", 1) \
    X(tk_RestrictedSids, "_TOKEN", "RestrictedSids", 0) \
    X(tk_PrimaryGroup, "_TOKEN", "PrimaryGroup", 0) \
    X(tk_DynamicPart, "_TOKEN", "DynamicPart", 0) \
    X(tk_DefaultDacl, "_TOKEN", "DefaultDacl", 0) \
    X(tk_TokenType, "_TOKEN", "TokenType", 0) \
    X(tk_ImpersonationLevel, "_TOKEN", "ImpersonationLevel", 0) \
    X(tk_TokenFlags, "_TOKEN", "TokenFlags", 0) \
    X(tk_TokenInUse, "_TOKEN", "TokenInUse", 0) \
    X(tk_IntegrityLevelIndex, "_TOKEN", "IntegrityLevelIndex", 0) \
    X(tk_MandatoryPolicy, "_TOKEN", "MandatoryPolicy", 0) \
    X(tk_LogonSession, "_TOKEN", "LogonSession", 0) \
    X(tk_OriginatingLogonSession, "_TOKEN", "OriginatingLogonSession", 0) \
    X(tk_SidHash, "_TOKEN", "SidHash", 0) \
    X(tk_VariablePart, "_TOKEN", "VariablePart", 0) \
    X(sa_Sid, "_SID_AND_ATTRIBUTES", "Sid", 1) \
    X(sa_Attributes, "_SID_AND_ATTRIBUTES", "Attributes", 1) \
    X(vs_Left, "_MMVAD_SHORT", "VadNode.Left", 1) \
    X(vs_Right, "_MMVAD_SHORT", "VadNode.Right", 1) \
    X(vs_ParentValue, "_MMVAD_SHORT", "VadNode.ParentValue", 1) \
    X(vs_StartingVpn, "_MMVAD_SHORT", "StartingVpn", 1) \
    X(vs_EndingVpn, "_MMVAD_SHORT", "EndingVpn", 1) \
    X(vs_StartingVpnHigh, "_MMVAD_SHORT", "StartingVpnHigh", 0) \
    X(vs_EndingVpnHigh, "_MMVAD_SHORT", "EndingVpnHigh", 0) \
    X(vs_CommitChargeHigh, "_MMVAD_SHORT", "CommitChargeHigh", 0) \
    X(vs_ReferenceCount, "_MMVAD_SHORT", "ReferenceCount", 0) \
    X(vs_VadType, "_MMVAD_SHORT", "u.VadFlags.VadType", 1) \
    X(vs_Protection, "_MMVAD_SHORT", "u.VadFlags.Protection", 1) \
    X(vs_PrivateMemory, "_MMVAD_SHORT", "u.VadFlags.PrivateMemory", 0) \
    X(vs_PrivateMemory1, "_MMVAD_SHORT", "u1.VadFlags1.PrivateMemory", 0) \
    X(vs_CommitCharge, "_MMVAD_SHORT", "u1.VadFlags1.CommitCharge", 0) \
    X(vs_MemCommit, "_MMVAD_SHORT", "u1.VadFlags1.MemCommit", 0) \
    X(v_Subsection, "_MMVAD", "Subsection", 1) \
    X(v_FirstPrototypePte, "_MMVAD", "FirstPrototypePte", 0) \
    X(v_LastContiguousPte, "_MMVAD", "LastContiguousPte", 0) \
    X(v_ViewLinks, "_MMVAD", "ViewLinks", 0) \
    X(v_VadsProcess, "_MMVAD", "VadsProcess", 0) \
    X(v_FileObject, "_MMVAD", "FileObject", 0) \
    X(ss_ControlArea, "_SUBSECTION", "ControlArea", 1) \
    X(ss_SubsectionBase, "_SUBSECTION", "SubsectionBase", 0) \
    X(ss_PtesInSubsection, "_SUBSECTION", "PtesInSubsection", 0) \
    X(ss_StartingSector, "_SUBSECTION", "StartingSector", 0) \
    X(ss_NumberOfFullSectors, "_SUBSECTION", "NumberOfFullSectors", 0) \
    X(ca_Segment, "_CONTROL_AREA", "Segment", 0) \
    X(ca_NumberOfSectionReferences, "_CONTROL_AREA", "NumberOfSectionReferences", 0) \
    X(ca_NumberOfPfnReferences, "_CONTROL_AREA", "NumberOfPfnReferences", 0) \
    X(ca_NumberOfMappedViews, "_CONTROL_AREA", "NumberOfMappedViews", 0) \
    X(ca_NumberOfUserReferences, "_CONTROL_AREA", "NumberOfUserReferences", 0) \
    X(ca_Image, "_CONTROL_AREA", "u.Flags.Image", 0) \
    X(ca_File, "_CONTROL_AREA", "u.Flags.File", 0) \
    X(ca_FilePointer, "_CONTROL_AREA", "FilePointer", 1) \
    X(sec_InitialPageProtection, "_SECTION", "InitialPageProtection", 0) \
    X(fo_Type, "_FILE_OBJECT", "Type", 0) \
    X(fo_Size, "_FILE_OBJECT", "Size", 0) \
    X(fo_DeviceObject, "_FILE_OBJECT", "DeviceObject", 0) \
    X(fo_SectionObjectPointer, "_FILE_OBJECT", "SectionObjectPointer", 0) \
    X(fo_ReadAccess, "_FILE_OBJECT", "ReadAccess", 0) \
    X(fo_SharedRead, "_FILE_OBJECT", "SharedRead", 0) \
    X(fo_Flags, "_FILE_OBJECT", "Flags", 0) \
    X(fo_FsContext, "_FILE_OBJECT", "FsContext", 0) \
    X(fo_FileName, "_FILE_OBJECT", "FileName", 1) \
    X(do_Type, "_DEVICE_OBJECT", "Type", 0) \
    X(do_Size, "_DEVICE_OBJECT", "Size", 0) \
    X(do_DriverObject, "_DEVICE_OBJECT", "DriverObject", 0) \
    X(do_DeviceType, "_DEVICE_OBJECT", "DeviceType", 0) \
    X(sop_DataSectionObject, "_SECTION_OBJECT_POINTERS", "DataSectionObject", 0) \
    X(sop_ImageSectionObject, "_SECTION_OBJECT_POINTERS", "ImageSectionObject", 0) \
    X(peb_InheritedAddressSpace, "_PEB", "InheritedAddressSpace", 0) \
    X(peb_BeingDebugged, "_PEB", "BeingDebugged", 0) \
    X(peb_ImageBaseAddress, "_PEB", "ImageBaseAddress", 1) \
    X(peb_Ldr, "_PEB", "Ldr", 1) \
    X(peb_ProcessParameters, "_PEB", "ProcessParameters", 1) \
    X(peb_ProcessHeap, "_PEB", "ProcessHeap", 0) \
    X(peb_NumberOfProcessors, "_PEB", "NumberOfProcessors", 0) \
    X(peb_NtGlobalFlag, "_PEB", "NtGlobalFlag", 0) \
    X(peb_NumberOfHeaps, "_PEB", "NumberOfHeaps", 0) \
    X(peb_MaximumNumberOfHeaps, "_PEB", "MaximumNumberOfHeaps", 0) \
    X(peb_ProcessHeaps, "_PEB", "ProcessHeaps", 0) \
    X(peb_OSMajorVersion, "_PEB", "OSMajorVersion", 0) \
    X(peb_OSMinorVersion, "_PEB", "OSMinorVersion", 0) \
    X(peb_OSBuildNumber, "_PEB", "OSBuildNumber", 0) \
    X(peb_OSPlatformId, "_PEB", "OSPlatformId", 0) \
    X(peb_ImageSubsystem, "_PEB", "ImageSubsystem", 0) \
    X(peb_ImageSubsystemMajorVersion, "_PEB", "ImageSubsystemMajorVersion", 0) \
    X(peb_SessionId, "_PEB", "SessionId", 0) \
    X(peb_TlsBitmap, "_PEB", "TlsBitmap", 0) \
    X(peb_FlsCallback, "_PEB", "FlsCallback", 0) \
    X(peb_FlsListHead, "_PEB", "FlsListHead", 0) \
    X(peb_FlsHighIndex, "_PEB", "FlsHighIndex", 0) \
    X(peb_KernelCallbackTable, "_PEB", "KernelCallbackTable", 0) \
    X(ldr_Length, "_PEB_LDR_DATA", "Length", 0) \
    X(ldr_Initialized, "_PEB_LDR_DATA", "Initialized", 0) \
    X(ldr_InLoadOrderModuleList, "_PEB_LDR_DATA", "InLoadOrderModuleList", 1) \
    X(ldr_InMemoryOrderModuleList, "_PEB_LDR_DATA", "InMemoryOrderModuleList", 1) \
    X(ldr_InInitializationOrderModuleList, "_PEB_LDR_DATA", "InInitializationOrderModuleList", 1) \
    X(lde_InLoadOrderLinks, "_LDR_DATA_TABLE_ENTRY", "InLoadOrderLinks", 1) \
    X(lde_InMemoryOrderLinks, "_LDR_DATA_TABLE_ENTRY", "InMemoryOrderLinks", 1) \
    X(lde_InInitializationOrderLinks, "_LDR_DATA_TABLE_ENTRY", "InInitializationOrderLinks", 1) \
    X(lde_DllBase, "_LDR_DATA_TABLE_ENTRY", "DllBase", 1) \
    X(lde_EntryPoint, "_LDR_DATA_TABLE_ENTRY", "EntryPoint", 0) \
    X(lde_SizeOfImage, "_LDR_DATA_TABLE_ENTRY", "SizeOfImage", 1) \
    X(lde_FullDllName, "_LDR_DATA_TABLE_ENTRY", "FullDllName", 1) \
    X(lde_BaseDllName, "_LDR_DATA_TABLE_ENTRY", "BaseDllName", 1) \
    X(lde_Flags, "_LDR_DATA_TABLE_ENTRY", "Flags", 0) \
    X(lde_ObsoleteLoadCount, "_LDR_DATA_TABLE_ENTRY", "ObsoleteLoadCount", 0) \
    X(lde_TlsIndex, "_LDR_DATA_TABLE_ENTRY", "TlsIndex", 0) \
    X(lde_TimeDateStamp, "_LDR_DATA_TABLE_ENTRY", "TimeDateStamp", 0) \
    X(lde_LoadTime, "_LDR_DATA_TABLE_ENTRY", "LoadTime", 0) \
    X(lde_LoadReason, "_LDR_DATA_TABLE_ENTRY", "LoadReason", 0) \
    X(lde_ReferenceCount, "_LDR_DATA_TABLE_ENTRY", "ReferenceCount", 0) \
    X(lde_OriginalBase, "_LDR_DATA_TABLE_ENTRY", "OriginalBase", 0) \
    X(lde_BaseNameHashValue, "_LDR_DATA_TABLE_ENTRY", "BaseNameHashValue", 0) \
    X(pp_MaximumLength, "_RTL_USER_PROCESS_PARAMETERS", "MaximumLength", 0) \
    X(pp_Length, "_RTL_USER_PROCESS_PARAMETERS", "Length", 0) \
    X(pp_Flags, "_RTL_USER_PROCESS_PARAMETERS", "Flags", 0) \
    X(pp_ConsoleHandle, "_RTL_USER_PROCESS_PARAMETERS", "ConsoleHandle", 0) \
    X(pp_StandardInput, "_RTL_USER_PROCESS_PARAMETERS", "StandardInput", 0) \
    X(pp_CurrentDirectory, "_RTL_USER_PROCESS_PARAMETERS", "CurrentDirectory.DosPath", 1) \
    X(pp_CurrentDirectoryHandle, "_RTL_USER_PROCESS_PARAMETERS", "CurrentDirectory.Handle", 0) \
    X(pp_DllPath, "_RTL_USER_PROCESS_PARAMETERS", "DllPath", 0) \
    X(pp_ImagePathName, "_RTL_USER_PROCESS_PARAMETERS", "ImagePathName", 1) \
    X(pp_CommandLine, "_RTL_USER_PROCESS_PARAMETERS", "CommandLine", 1) \
    X(pp_Environment, "_RTL_USER_PROCESS_PARAMETERS", "Environment", 1) \
    X(pp_WindowTitle, "_RTL_USER_PROCESS_PARAMETERS", "WindowTitle", 0) \
    X(pp_DesktopInfo, "_RTL_USER_PROCESS_PARAMETERS", "DesktopInfo", 0) \
    X(pp_EnvironmentSize, "_RTL_USER_PROCESS_PARAMETERS", "EnvironmentSize", 0) \
    X(teb_ExceptionList, "_TEB", "NtTib.ExceptionList", 0) \
    X(teb_StackBase, "_TEB", "NtTib.StackBase", 1) \
    X(teb_StackLimit, "_TEB", "NtTib.StackLimit", 1) \
    X(teb_SubSystemTib, "_TEB", "NtTib.SubSystemTib", 0) \
    X(teb_FiberData, "_TEB", "NtTib.FiberData", 0) \
    X(teb_ArbitraryUserPointer, "_TEB", "NtTib.ArbitraryUserPointer", 0) \
    X(teb_Self, "_TEB", "NtTib.Self", 0) \
    X(teb_EnvironmentPointer, "_TEB", "EnvironmentPointer", 0) \
    X(teb_ClientIdProcess, "_TEB", "ClientId.UniqueProcess", 1) \
    X(teb_ClientIdThread, "_TEB", "ClientId.UniqueThread", 1) \
    X(teb_ThreadLocalStoragePointer, "_TEB", "ThreadLocalStoragePointer", 0) \
    X(teb_ProcessEnvironmentBlock, "_TEB", "ProcessEnvironmentBlock", 1) \
    X(teb_LastErrorValue, "_TEB", "LastErrorValue", 0) \
    X(teb_CurrentLocale, "_TEB", "CurrentLocale", 0) \
    X(teb_TlsSlots, "_TEB", "TlsSlots", 0) \
    X(teb_DeallocationStack, "_TEB", "DeallocationStack", 0) \
    X(teb_FlsData, "_TEB", "FlsData", 0) \
    X(teb_SameTebFlags, "_TEB", "SameTebFlags", 0) \
    X(teb_HasFiberData, "_TEB", "HasFiberData", 0) \
    X(teb_RealClientIdProcess, "_TEB", "RealClientId.UniqueProcess", 0) \
    X(teb_RealClientIdThread, "_TEB", "RealClientId.UniqueThread", 0) \
    X(teb_Win32ThreadInfo, "_TEB", "Win32ThreadInfo", 0) \
    X(job_JobLinks, "_EJOB", "JobLinks", 0) \
    X(job_ProcessListHead, "_EJOB", "ProcessListHead", 0) \
    X(job_TotalProcesses, "_EJOB", "TotalProcesses", 0) \
    X(job_ActiveProcesses, "_EJOB", "ActiveProcesses", 0) \
    X(job_TotalTerminatedProcesses, "_EJOB", "TotalTerminatedProcesses", 0) \
    X(job_LimitFlags, "_EJOB", "LimitFlags", 0) \
    X(job_ActiveProcessLimit, "_EJOB", "ActiveProcessLimit", 0) \
    X(job_ProcessMemoryLimit, "_EJOB", "ProcessMemoryLimit", 0) \
    X(job_JobMemoryLimit, "_EJOB", "JobMemoryLimit", 0) \
    X(job_Silo, "_EJOB", "Silo", 0) \
    X(job_ServerSiloGlobals, "_EJOB", "ServerSiloGlobals", 0) \
    X(job_PeakProcessMemoryUsed, "_EJOB", "PeakProcessMemoryUsed", 0) \
    X(job_UIRestrictionsClass, "_EJOB", "UIRestrictionsClass", 0) \
    X(job_SessionId, "_EJOB", "SessionId", 0) \
    X(ss_SessionId, "_MM_SESSION_SPACE", "SessionId", 0) \
    X(ss_ReferenceCount, "_MM_SESSION_SPACE", "ReferenceCount", 0) \
    X(ss_ProcessList, "_MM_SESSION_SPACE", "ProcessList", 0) \
    X(ss_WsListEntry, "_MM_SESSION_SPACE", "WsListEntry", 0) \
    X(ss_Session, "_MM_SESSION_SPACE", "Session", 0) \
    X(kldr_InLoadOrderLinks, "_KLDR_DATA_TABLE_ENTRY", "InLoadOrderLinks", 0) \
    X(kldr_DllBase, "_KLDR_DATA_TABLE_ENTRY", "DllBase", 0) \
    X(kldr_EntryPoint, "_KLDR_DATA_TABLE_ENTRY", "EntryPoint", 0) \
    X(kldr_SizeOfImage, "_KLDR_DATA_TABLE_ENTRY", "SizeOfImage", 0) \
    X(kldr_FullDllName, "_KLDR_DATA_TABLE_ENTRY", "FullDllName", 0) \
    X(kldr_BaseDllName, "_KLDR_DATA_TABLE_ENTRY", "BaseDllName", 0) \
    X(kldr_Flags, "_KLDR_DATA_TABLE_ENTRY", "Flags", 0) \
    X(kldr_LoadCount, "_KLDR_DATA_TABLE_ENTRY", "LoadCount", 0) \
    X(ku_TickCountMultiplier, "_KUSER_SHARED_DATA", "TickCountMultiplier", 0) \
    X(ku_InterruptTime, "_KUSER_SHARED_DATA", "InterruptTime", 0) \
    X(ku_SystemTime, "_KUSER_SHARED_DATA", "SystemTime", 1) \
    X(ku_TimeZoneBias, "_KUSER_SHARED_DATA", "TimeZoneBias", 0) \
    X(ku_ImageNumberLow, "_KUSER_SHARED_DATA", "ImageNumberLow", 0) \
    X(ku_ImageNumberHigh, "_KUSER_SHARED_DATA", "ImageNumberHigh", 0) \
    X(ku_NtSystemRoot, "_KUSER_SHARED_DATA", "NtSystemRoot", 0) \
    X(ku_NtBuildNumber, "_KUSER_SHARED_DATA", "NtBuildNumber", 1) \
    X(ku_NtProductType, "_KUSER_SHARED_DATA", "NtProductType", 0) \
    X(ku_ProductTypeIsValid, "_KUSER_SHARED_DATA", "ProductTypeIsValid", 0) \
    X(ku_NativeProcessorArchitecture, "_KUSER_SHARED_DATA", "NativeProcessorArchitecture", 0) \
    X(ku_NtMajorVersion, "_KUSER_SHARED_DATA", "NtMajorVersion", 1) \
    X(ku_NtMinorVersion, "_KUSER_SHARED_DATA", "NtMinorVersion", 1) \
    X(ku_ActiveConsoleId, "_KUSER_SHARED_DATA", "ActiveConsoleId", 0) \
    X(ku_NumberOfPhysicalPages, "_KUSER_SHARED_DATA", "NumberOfPhysicalPages", 0) \
    X(ku_SafeBootMode, "_KUSER_SHARED_DATA", "SafeBootMode", 0) \
    X(ku_ActiveProcessorCount, "_KUSER_SHARED_DATA", "ActiveProcessorCount", 0) \
    X(ku_ActiveGroupCount, "_KUSER_SHARED_DATA", "ActiveGroupCount", 0) \
    X(ku_TickCountQuad, "_KUSER_SHARED_DATA", "TickCountQuad", 0) \
    X(ku_Cookie, "_KUSER_SHARED_DATA", "Cookie", 0) \
    X(ku_NtBuildNumber2, "_KUSER_SHARED_DATA", "NtBuildNumber", 0) \
    X(kv_MajorVersion, "_DBGKD_GET_VERSION64", "MajorVersion", 0) \
    X(kv_MinorVersion, "_DBGKD_GET_VERSION64", "MinorVersion", 0) \
    X(kv_ProtocolVersion, "_DBGKD_GET_VERSION64", "ProtocolVersion", 0) \
    X(kv_KdSecondaryVersion, "_DBGKD_GET_VERSION64", "KdSecondaryVersion", 0) \
    X(kv_Flags, "_DBGKD_GET_VERSION64", "Flags", 0) \
    X(kv_MachineType, "_DBGKD_GET_VERSION64", "MachineType", 0) \
    X(kv_MaxPacketType, "_DBGKD_GET_VERSION64", "MaxPacketType", 0) \
    X(kv_MaxStateChange, "_DBGKD_GET_VERSION64", "MaxStateChange", 0) \
    X(kv_MaxManipulate, "_DBGKD_GET_VERSION64", "MaxManipulate", 0) \
    X(kv_Simulation, "_DBGKD_GET_VERSION64", "Simulation", 0) \
    X(kv_KernBase, "_DBGKD_GET_VERSION64", "KernBase", 0) \
    X(kv_PsLoadedModuleList, "_DBGKD_GET_VERSION64", "PsLoadedModuleList", 0) \
    X(kv_DebuggerDataList, "_DBGKD_GET_VERSION64", "DebuggerDataList", 0) \
    X(pbt_Va, "_POOL_TRACKER_BIG_PAGES", "Va", 0) \
    X(pbt_Key, "_POOL_TRACKER_BIG_PAGES", "Key", 0) \
    X(pbt_Pattern, "_POOL_TRACKER_BIG_PAGES", "Pattern", 0) \
    X(pbt_PoolType, "_POOL_TRACKER_BIG_PAGES", "PoolType", 0) \
    X(pbt_NumberOfBytes, "_POOL_TRACKER_BIG_PAGES", "NumberOfBytes", 0) \
    X(ev_Header, "_KEVENT", "Header", 0) \
    X(mu_MutantListEntry, "_KMUTANT", "MutantListEntry", 0) \
    X(mu_OwnerThread, "_KMUTANT", "OwnerThread", 0) \
    X(sec_StartingVpn, "_SECTION", "StartingVpn", 0) \
    X(sec_EndingVpn, "_SECTION", "EndingVpn", 0) \
    X(sec_ControlArea, "_SECTION", "u1.ControlArea", 0) \
    X(sec_SizeOfSection, "_SECTION", "SizeOfSection", 0) \
    X(sec_Flags, "_SECTION", "u.LongFlags", 0) \
    X(key_Type, "_CM_KEY_BODY", "Type", 0) \
    X(key_KeyControlBlock, "_CM_KEY_BODY", "KeyControlBlock", 0) \
    X(key_ProcessID, "_CM_KEY_BODY", "ProcessID", 0) \
    X(key_NotifyBlock, "_CM_KEY_BODY", "NotifyBlock", 0) \
    X(key_KeyBodyList, "_CM_KEY_BODY", "KeyBodyList", 0) \
    X(kcb_NameBlock, "_CM_KEY_CONTROL_BLOCK", "NameBlock", 0) \
    X(kcb_ParentKcb, "_CM_KEY_CONTROL_BLOCK", "ParentKcb", 0) \
    X(kcb_RefCount, "_CM_KEY_CONTROL_BLOCK", "RefCount", 0) \
    X(kcb_KeyHive, "_CM_KEY_CONTROL_BLOCK", "KeyHive", 0) \
    X(kcb_KeyCell, "_CM_KEY_CONTROL_BLOCK", "KeyCell", 0) \
    X(kcb_Flags, "_CM_KEY_CONTROL_BLOCK", "Flags", 0) \
    X(nb_NameLength, "_CM_NAME_CONTROL_BLOCK", "NameLength", 0) \
    X(nb_Name, "_CM_NAME_CONTROL_BLOCK", "Name", 0) \
    X(nb_Compressed, "_CM_NAME_CONTROL_BLOCK", "Compressed", 0) \
    X(nb_RefCount, "_CM_NAME_CONTROL_BLOCK", "RefCount", 0) \
    X(cmh_HiveList, "_CMHIVE", "HiveList", 0) \
    X(dir_HashBuckets, "_OBJECT_DIRECTORY", "HashBuckets", 0) \
    X(dire_ChainLink, "_OBJECT_DIRECTORY_ENTRY", "ChainLink", 0) \
    X(dire_Object, "_OBJECT_DIRECTORY_ENTRY", "Object", 0) \
    X(dire_HashValue, "_OBJECT_DIRECTORY_ENTRY", "HashValue", 0) \
    X(sym_LinkTarget, "_OBJECT_SYMBOLIC_LINK", "LinkTarget", 0) \
    X(sym_CreationTime, "_OBJECT_SYMBOLIC_LINK", "CreationTime", 0) \
    X(drv_Type, "_DRIVER_OBJECT", "Type", 0) \
    X(drv_Size, "_DRIVER_OBJECT", "Size", 0) \
    X(drv_DeviceObject, "_DRIVER_OBJECT", "DeviceObject", 0) \
    X(drv_DriverStart, "_DRIVER_OBJECT", "DriverStart", 0) \
    X(drv_DriverSize, "_DRIVER_OBJECT", "DriverSize", 0) \
    X(drv_DriverSection, "_DRIVER_OBJECT", "DriverSection", 0) \
    X(drv_DriverName, "_DRIVER_OBJECT", "DriverName", 0) \
    X(exfr_Object, "_EX_CALLBACK_ROUTINE_BLOCK", "Function", 0) \
    X(exfr_Context, "_EX_CALLBACK_ROUTINE_BLOCK", "Context", 0)

/* X(member, type) */
#define FORGE_SIZES(X) \
    X(sz_POOL_HEADER, "_POOL_HEADER", 1) \
    X(sz_OBJECT_HEADER, "_OBJECT_HEADER", 1) \
    X(sz_OBJECT_HEADER_CREATOR_INFO, "_OBJECT_HEADER_CREATOR_INFO", 0) \
    X(sz_OBJECT_HEADER_NAME_INFO, "_OBJECT_HEADER_NAME_INFO", 0) \
    X(sz_OBJECT_HEADER_HANDLE_INFO, "_OBJECT_HEADER_HANDLE_INFO", 0) \
    X(sz_OBJECT_HEADER_QUOTA_INFO, "_OBJECT_HEADER_QUOTA_INFO", 0) \
    X(sz_OBJECT_HEADER_PROCESS_INFO, "_OBJECT_HEADER_PROCESS_INFO", 0) \
    X(sz_OBJECT_HEADER_AUDIT_INFO, "_OBJECT_HEADER_AUDIT_INFO", 0) \
    X(sz_OBJECT_HEADER_EXTENDED_INFO, "_OBJECT_HEADER_EXTENDED_INFO", 0) \
    X(sz_OBJECT_HEADER_PADDING_INFO, "_OBJECT_HEADER_PADDING_INFO", 0) \
    X(sz_OBJECT_TYPE, "_OBJECT_TYPE", 1) \
    X(sz_EPROCESS, "_EPROCESS", 1) \
    X(sz_ETHREAD, "_ETHREAD", 1) \
    X(sz_HANDLE_TABLE, "_HANDLE_TABLE", 1) \
    X(sz_HANDLE_TABLE_ENTRY, "_HANDLE_TABLE_ENTRY", 1) \
    X(sz_TOKEN, "_TOKEN", 1) \
    X(sz_SID_AND_ATTRIBUTES, "_SID_AND_ATTRIBUTES", 1) \
    X(sz_MMVAD_SHORT, "_MMVAD_SHORT", 1) \
    X(sz_MMVAD, "_MMVAD", 1) \
    X(sz_CONTROL_AREA, "_CONTROL_AREA", 1) \
    X(sz_SUBSECTION, "_SUBSECTION", 1) \
    X(sz_FILE_OBJECT, "_FILE_OBJECT", 1) \
    X(sz_DEVICE_OBJECT, "_DEVICE_OBJECT", 0) \
    X(sz_DRIVER_OBJECT, "_DRIVER_OBJECT", 0) \
    X(sz_SECTION_OBJECT_POINTERS, "_SECTION_OBJECT_POINTERS", 0) \
    X(sz_KTRAP_FRAME, "_KTRAP_FRAME", 0) \
    X(sz_EWOW64PROCESS, "_EWOW64PROCESS", 0) \
    X(sz_PEB32, "_PEB32", 0) \
    X(sz_TEB32, "_TEB32", 0) \
    X(sz_PEB_LDR_DATA32, "_PEB_LDR_DATA32", 0) \
    X(sz_LDR_DATA_TABLE_ENTRY32, "_LDR_DATA_TABLE_ENTRY32", 0) \
    X(sz_CONTEXT, "_CONTEXT", 0) \
    X(sz_PEB, "_PEB", 1) \
    X(sz_PEB_LDR_DATA, "_PEB_LDR_DATA", 1) \
    X(sz_LDR_DATA_TABLE_ENTRY, "_LDR_DATA_TABLE_ENTRY", 1) \
    X(sz_RTL_USER_PROCESS_PARAMETERS, "_RTL_USER_PROCESS_PARAMETERS", 1) \
    X(sz_TEB, "_TEB", 1) \
    X(sz_EJOB, "_EJOB", 0) \
    X(sz_ESERVERSILO_GLOBALS, "_ESERVERSILO_GLOBALS", 0) \
    X(sz_MM_SESSION_SPACE, "_MM_SESSION_SPACE", 0) \
    X(sz_KLDR_DATA_TABLE_ENTRY, "_KLDR_DATA_TABLE_ENTRY", 0) \
    X(sz_KEVENT, "_KEVENT", 0) \
    X(sz_KMUTANT, "_KMUTANT", 0) \
    X(sz_KSEMAPHORE, "_KSEMAPHORE", 0) \
    X(sz_KTIMER, "_KTIMER", 0) \
    X(sz_SECTION, "_SECTION", 0) \
    X(sz_CM_KEY_BODY, "_CM_KEY_BODY", 0) \
    X(sz_CM_KEY_CONTROL_BLOCK, "_CM_KEY_CONTROL_BLOCK", 0) \
    X(sz_OBJECT_DIRECTORY, "_OBJECT_DIRECTORY", 0) \
    X(sz_OBJECT_DIRECTORY_ENTRY, "_OBJECT_DIRECTORY_ENTRY", 0) \
    X(sz_OBJECT_SYMBOLIC_LINK, "_OBJECT_SYMBOLIC_LINK", 0) \
    X(sz_KUSER_SHARED_DATA, "_KUSER_SHARED_DATA", 1) \
    X(sz_DBGKD_GET_VERSION64, "_DBGKD_GET_VERSION64", 0) \
    X(sz_POOL_TRACKER_BIG_PAGES, "_POOL_TRACKER_BIG_PAGES", 0) \
    X(sz_EX_CALLBACK_ROUTINE_BLOCK, "_EX_CALLBACK_ROUTINE_BLOCK", 0)

struct layout {
#define LAYOUT_FLD(m, t, p, r) struct fld m;
    FORGE_FIELDS(LAYOUT_FLD)
#undef LAYOUT_FLD
#define LAYOUT_SZ(m, t, r) uint32_t m;
    FORGE_SIZES(LAYOUT_SZ)
#undef LAYOUT_SZ
    unsigned nmissing;           /* optional entries absent from the profile */
};

/* Resolve every entry.  Fails naming the first missing required entry. */
int forge_layout_resolve(const struct isf *isf, struct layout *L, struct ep_error *err);
/* The same for a build's own table: a type that table lacks entirely
 * (_PEB_LDR_DATA32 and _LDR_DATA_TABLE_ENTRY32 are in no kernel PDB) is
 * taken from model, the built-in profile (docs/forge.md, "Other builds"). */
int forge_layout_resolve_with(const struct isf *isf, const struct isf *model, struct layout *L,
                              struct ep_error *err);
/* Resolve one dotted path (tests use it). */
int forge_layout_field(const struct isf *isf, const char *type, const char *path, struct fld *out);

/* Store v into the field at buf (a host copy of the structure).  Absent
 * fields are skipped; bitfields are merged into their storage unit. */
void fset(uint8_t *buf, const struct fld *f, uint64_t v);
uint64_t fget(const uint8_t *buf, const struct fld *f);
static inline int fhas(const struct fld *f) { return f->off >= 0; }

#endif
