#include "windows/kdbg.h"

#include <string.h>

#include "base/bytes.h"

/* Offsets from wdbgexts.h's KDDEBUGGER_DATA64.  Only fields that point at a
 * kernel variable or routine of the same name are listed: KdPrintCircular-
 * Buffer and NtBuildLab point at the buffer/string itself, not at the
 * same-named symbol, so they cannot be compared with a symbol table (checked
 * on rizin-triage_x64.dmp, which otherwise agrees with its table exactly). */
const struct kdbg_field kdbg_symbol_fields[] = {
    { 0x020, "BreakpointWithStatus", "RtlpBreakWithStatusInstruction" },
    { 0x038, "KiCallUserMode", "KiCallUserMode" },
    { 0x040, "KeUserCallbackDispatcher", "KeUserCallbackDispatcher" },
    { 0x048, "PsLoadedModuleList", "PsLoadedModuleList" },
    { 0x050, "PsActiveProcessHead", "PsActiveProcessHead" },
    { 0x058, "PspCidTable", "PspCidTable" },
    { 0x060, "ExpSystemResourcesList", "ExpSystemResourcesList" },
    { 0x068, "ExpPagedPoolDescriptor", "ExpPagedPoolDescriptor" },
    { 0x070, "ExpNumberOfPagedPools", "ExpNumberOfPagedPools" },
    { 0x078, "KeTimeIncrement", "KeTimeIncrement" },
    { 0x080, "KeBugCheckCallbackListHead", "KeBugCheckCallbackListHead" },
    { 0x088, "KiBugcheckData", "KiBugcheckData" },
    { 0x090, "IopErrorLogListHead", "IopErrorLogListHead" },
    { 0x098, "ObpRootDirectoryObject", "ObpRootDirectoryObject" },
    { 0x0a0, "ObpTypeObjectType", "ObpTypeObjectType" },
    { 0x0a8, "MmSystemCacheStart", "MmSystemCacheStart" },
    { 0x0b0, "MmSystemCacheEnd", "MmSystemCacheEnd" },
    { 0x0b8, "MmSystemCacheWs", "MmSystemCacheWs" },
    { 0x0c0, "MmPfnDatabase", "MmPfnDatabase" },
    { 0x0c8, "MmSystemPtesStart", "MmSystemPtesStart" },
    { 0x0d0, "MmSystemPtesEnd", "MmSystemPtesEnd" },
    { 0x0d8, "MmSubsectionBase", "MmSubsectionBase" },
    { 0x0e0, "MmNumberOfPagingFiles", "MmNumberOfPagingFiles" },
    { 0x0e8, "MmLowestPhysicalPage", "MmLowestPhysicalPage" },
    { 0x0f0, "MmHighestPhysicalPage", "MmHighestPhysicalPage" },
    { 0x0f8, "MmNumberOfPhysicalPages", "MmNumberOfPhysicalPages" },
    { 0x100, "MmMaximumNonPagedPoolInBytes", "MmMaximumNonPagedPoolInBytes" },
    { 0x108, "MmNonPagedSystemStart", "MmNonPagedSystemStart" },
    { 0x110, "MmNonPagedPoolStart", "MmNonPagedPoolStart" },
    { 0x118, "MmNonPagedPoolEnd", "MmNonPagedPoolEnd" },
    { 0x120, "MmPagedPoolStart", "MmPagedPoolStart" },
    { 0x128, "MmPagedPoolEnd", "MmPagedPoolEnd" },
    { 0x130, "MmPagedPoolInformation", "MmPagedPoolInformation" },
    { 0x140, "MmSizeOfPagedPoolInBytes", "MmSizeOfPagedPoolInBytes" },
    { 0x148, "MmTotalCommitLimit", "MmTotalCommitLimit" },
    { 0x150, "MmTotalCommittedPages", "MmTotalCommittedPages" },
    { 0x158, "MmSharedCommit", "MmSharedCommit" },
    { 0x160, "MmDriverCommit", "MmDriverCommit" },
    { 0x168, "MmProcessCommit", "MmProcessCommit" },
    { 0x170, "MmPagedPoolCommit", "MmPagedPoolCommit" },
    { 0x178, "MmExtendedCommit", "MmExtendedCommit" },
    { 0x180, "MmZeroedPageListHead", "MmZeroedPageListHead" },
    { 0x188, "MmFreePageListHead", "MmFreePageListHead" },
    { 0x190, "MmStandbyPageListHead", "MmStandbyPageListHead" },
    { 0x198, "MmModifiedPageListHead", "MmModifiedPageListHead" },
    { 0x1a0, "MmModifiedNoWritePageListHead", "MmModifiedNoWritePageListHead" },
    { 0x1a8, "MmAvailablePages", "MmAvailablePages" },
    { 0x1b0, "MmResidentAvailablePages", "MmResidentAvailablePages" },
    { 0x1b8, "PoolTrackTable", "PoolTrackTable" },
    { 0x1c0, "NonPagedPoolDescriptor", "NonPagedPoolDescriptor" },
    { 0x1c8, "MmHighestUserAddress", "MmHighestUserAddress" },
    { 0x1d0, "MmSystemRangeStart", "MmSystemRangeStart" },
    { 0x1d8, "MmUserProbeAddress", "MmUserProbeAddress" },
    { 0x1e8, "KdPrintCircularBufferEnd", "KdPrintCircularBufferEnd" },
    { 0x1f0, "KdPrintWritePointer", "KdPrintWritePointer" },
    { 0x1f8, "KdPrintRolloverCount", "KdPrintRolloverCount" },
    { 0x200, "MmLoadedUserImageList", "MmLoadedUserImageList" },
    { 0x210, "KiNormalSystemCall", "KiNormalSystemCall" },
    { 0x218, "KiProcessorBlock", "KiProcessorBlock" },
    { 0x220, "MmUnloadedDrivers", "MmUnloadedDrivers" },
    { 0x228, "MmLastUnloadedDriver", "MmLastUnloadedDriver" },
    { 0x230, "MmTriageActionTaken", "MmTriageActionTaken" },
    { 0x238, "MmSpecialPoolTag", "MmSpecialPoolTag" },
    { 0x240, "KernelVerifier", "KernelVerifier" },
    { 0x248, "MmVerifierData", "MmVerifierData" },
    { 0x250, "MmAllocatedNonPagedPool", "MmAllocatedNonPagedPool" },
    { 0x258, "MmPeakCommitment", "MmPeakCommitment" },
    { 0x260, "MmTotalCommitLimitMaximum", "MmTotalCommitLimitMaximum" },
    { 0x268, "CmNtCSDVersion", "CmNtCSDVersion" },
    { 0x270, "MmPhysicalMemoryBlock", "MmPhysicalMemoryBlock" },
    { 0x278, "MmSessionBase", "MmSessionBase" },
    { 0x280, "MmSessionSize", "MmSessionSize" },
    { 0x288, "MmSystemParentTablePage", "MmSystemParentTablePage" },
    { 0x290, "MmVirtualTranslationBase", "MmVirtualTranslationBase" },
};
const size_t kdbg_symbol_field_count = sizeof kdbg_symbol_fields / sizeof kdbg_symbol_fields[0];

uint64_t kdbg_slot(const struct kdbg *k, uint32_t off)
{
    uint32_t i = off / 8;
    return (off % 8 == 0 && i < k->nvalues) ? k->values[i] : 0;
}

int kdbg_parse(const uint8_t *data, size_t len, struct kdbg *out)
{
    memset(out, 0, sizeof *out);
    if (len < 0x80 || le32(data + 0x10) != KDBG_OWNER_TAG)
        return -1;
    uint32_t size = le32(data + 0x14);
    if (size < 0x80 || size > 0x1000)
        return -1;
    out->size = size;
    size_t n = size < len ? size : len;
    out->nvalues = (uint32_t)(n / 8);
    if (out->nvalues > sizeof out->values / sizeof out->values[0])
        out->nvalues = sizeof out->values / sizeof out->values[0];
    for (uint32_t i = 0; i < out->nvalues; i++)
        out->values[i] = le64(data + 8 * i);
    out->kern_base = kdbg_slot(out, 0x18);
    out->ps_loaded_module_list = kdbg_slot(out, 0x48);
    out->ps_active_process_head = kdbg_slot(out, 0x50);
    out->psp_cid_table = kdbg_slot(out, 0x58);
    out->mm_pfn_database = kdbg_slot(out, 0xc0);
    out->ki_processor_block = kdbg_slot(out, 0x218);
    return 0;
}
