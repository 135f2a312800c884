#include "windows/access_rights.h"

#include <stdio.h>
#include <string.h>

struct right { uint32_t bit; const char *name; };

static const struct right process_rights[] = {
    { 0x1, "PROCESS_TERMINATE" }, { 0x2, "PROCESS_CREATE_THREAD" }, { 0x4, "PROCESS_SET_SESSIONID" },
    { 0x8, "PROCESS_VM_OPERATION" }, { 0x10, "PROCESS_VM_READ" }, { 0x20, "PROCESS_VM_WRITE" },
    { 0x40, "PROCESS_DUP_HANDLE" }, { 0x80, "PROCESS_CREATE_PROCESS" }, { 0x100, "PROCESS_SET_QUOTA" },
    { 0x200, "PROCESS_SET_INFORMATION" }, { 0x400, "PROCESS_QUERY_INFORMATION" },
    { 0x800, "PROCESS_SUSPEND_RESUME" }, { 0x1000, "PROCESS_QUERY_LIMITED_INFORMATION" },
    { 0x2000, "PROCESS_SET_LIMITED_INFORMATION" }, { 0 , NULL },
};
static const struct right thread_rights[] = {
    { 0x1, "THREAD_TERMINATE" }, { 0x2, "THREAD_SUSPEND_RESUME" }, { 0x4, "THREAD_ALERT" },
    { 0x8, "THREAD_GET_CONTEXT" }, { 0x10, "THREAD_SET_CONTEXT" }, { 0x20, "THREAD_SET_INFORMATION" },
    { 0x40, "THREAD_QUERY_INFORMATION" }, { 0x80, "THREAD_SET_THREAD_TOKEN" }, { 0x100, "THREAD_IMPERSONATE" },
    { 0x200, "THREAD_DIRECT_IMPERSONATION" }, { 0x400, "THREAD_SET_LIMITED_INFORMATION" },
    { 0x800, "THREAD_QUERY_LIMITED_INFORMATION" }, { 0x1000, "THREAD_RESUME" }, { 0, NULL },
};
static const struct right file_rights[] = {
    { 0x1, "FILE_READ_DATA" }, { 0x2, "FILE_WRITE_DATA" }, { 0x4, "FILE_APPEND_DATA" },
    { 0x8, "FILE_READ_EA" }, { 0x10, "FILE_WRITE_EA" }, { 0x20, "FILE_EXECUTE" },
    { 0x40, "FILE_DELETE_CHILD" }, { 0x80, "FILE_READ_ATTRIBUTES" }, { 0x100, "FILE_WRITE_ATTRIBUTES" },
    { 0, NULL },
};
static const struct right key_rights[] = {
    { 0x1, "KEY_QUERY_VALUE" }, { 0x2, "KEY_SET_VALUE" }, { 0x4, "KEY_CREATE_SUB_KEY" },
    { 0x8, "KEY_ENUMERATE_SUB_KEYS" }, { 0x10, "KEY_NOTIFY" }, { 0x20, "KEY_CREATE_LINK" },
    { 0x100, "KEY_WOW64_64KEY" }, { 0x200, "KEY_WOW64_32KEY" }, { 0, NULL },
};
static const struct right token_rights[] = {
    { 0x1, "TOKEN_ASSIGN_PRIMARY" }, { 0x2, "TOKEN_DUPLICATE" }, { 0x4, "TOKEN_IMPERSONATE" },
    { 0x8, "TOKEN_QUERY" }, { 0x10, "TOKEN_QUERY_SOURCE" }, { 0x20, "TOKEN_ADJUST_PRIVILEGES" },
    { 0x40, "TOKEN_ADJUST_GROUPS" }, { 0x80, "TOKEN_ADJUST_DEFAULT" }, { 0x100, "TOKEN_ADJUST_SESSIONID" },
    { 0, NULL },
};
static const struct right event_rights[] = {
    { 0x1, "EVENT_QUERY_STATE" }, { 0x2, "EVENT_MODIFY_STATE" }, { 0, NULL },
};
static const struct right mutant_rights[] = { { 0x1, "MUTANT_QUERY_STATE" }, { 0, NULL } };
static const struct right semaphore_rights[] = {
    { 0x1, "SEMAPHORE_QUERY_STATE" }, { 0x2, "SEMAPHORE_MODIFY_STATE" }, { 0, NULL },
};
static const struct right timer_rights[] = {
    { 0x1, "TIMER_QUERY_STATE" }, { 0x2, "TIMER_MODIFY_STATE" }, { 0, NULL },
};
static const struct right section_rights[] = {
    { 0x1, "SECTION_QUERY" }, { 0x2, "SECTION_MAP_WRITE" }, { 0x4, "SECTION_MAP_READ" },
    { 0x8, "SECTION_MAP_EXECUTE" }, { 0x10, "SECTION_EXTEND_SIZE" }, { 0x20, "SECTION_MAP_EXECUTE_EXPLICIT" },
    { 0, NULL },
};
static const struct right directory_rights[] = {
    { 0x1, "DIRECTORY_QUERY" }, { 0x2, "DIRECTORY_TRAVERSE" }, { 0x4, "DIRECTORY_CREATE_OBJECT" },
    { 0x8, "DIRECTORY_CREATE_SUBDIRECTORY" }, { 0, NULL },
};
static const struct right job_rights[] = {
    { 0x1, "JOB_OBJECT_ASSIGN_PROCESS" }, { 0x2, "JOB_OBJECT_SET_ATTRIBUTES" }, { 0x4, "JOB_OBJECT_QUERY" },
    { 0x8, "JOB_OBJECT_TERMINATE" }, { 0x10, "JOB_OBJECT_SET_SECURITY_ATTRIBUTES" },
    { 0x20, "JOB_OBJECT_IMPERSONATE" }, { 0, NULL },
};
static const struct right iocompletion_rights[] = {
    { 0x1, "IO_COMPLETION_QUERY_STATE" }, { 0x2, "IO_COMPLETION_MODIFY_STATE" }, { 0, NULL },
};
static const struct right symlink_rights[] = { { 0x1, "SYMBOLIC_LINK_QUERY" }, { 0, NULL } };
static const struct right desktop_rights[] = {
    { 0x1, "DESKTOP_READOBJECTS" }, { 0x2, "DESKTOP_CREATEWINDOW" }, { 0x4, "DESKTOP_CREATEMENU" },
    { 0x8, "DESKTOP_HOOKCONTROL" }, { 0x10, "DESKTOP_JOURNALRECORD" }, { 0x20, "DESKTOP_JOURNALPLAYBACK" },
    { 0x40, "DESKTOP_ENUMERATE" }, { 0x80, "DESKTOP_WRITEOBJECTS" }, { 0x100, "DESKTOP_SWITCHDESKTOP" },
    { 0, NULL },
};
static const struct right winsta_rights[] = {
    { 0x1, "WINSTA_ENUMDESKTOPS" }, { 0x2, "WINSTA_READATTRIBUTES" }, { 0x4, "WINSTA_ACCESSCLIPBOARD" },
    { 0x8, "WINSTA_CREATEDESKTOP" }, { 0x10, "WINSTA_WRITEATTRIBUTES" }, { 0x20, "WINSTA_ACCESSGLOBALATOMS" },
    { 0x40, "WINSTA_EXITWINDOWS" }, { 0x100, "WINSTA_ENUMERATE" }, { 0x200, "WINSTA_READSCREEN" },
    { 0, NULL },
};
static const struct right standard_rights[] = {
    { 0x10000, "DELETE" }, { 0x20000, "READ_CONTROL" }, { 0x40000, "WRITE_DAC" }, { 0x80000, "WRITE_OWNER" },
    { 0x100000, "SYNCHRONIZE" }, { 0x1000000, "ACCESS_SYSTEM_SECURITY" }, { 0x2000000, "MAXIMUM_ALLOWED" },
    { 0x10000000, "GENERIC_ALL" }, { 0x20000000, "GENERIC_EXECUTE" }, { 0x40000000, "GENERIC_WRITE" },
    { 0x80000000u, "GENERIC_READ" }, { 0, NULL },
};

static const struct {
    const char *type;
    const struct right *rights;
    uint32_t all;              /* the type's ALL_ACCESS, 0 if none */
    const char *all_name;
} types[] = {
    { "Process", process_rights, 0x1fffff, "PROCESS_ALL_ACCESS" },
    { "Thread", thread_rights, 0x1fffff, "THREAD_ALL_ACCESS" },
    { "File", file_rights, 0x1f01ff, "FILE_ALL_ACCESS" },
    { "Key", key_rights, 0xf003f, "KEY_ALL_ACCESS" },
    { "Token", token_rights, 0xf01ff, "TOKEN_ALL_ACCESS" },
    { "Event", event_rights, 0x1f0003, "EVENT_ALL_ACCESS" },
    { "Mutant", mutant_rights, 0x1f0001, "MUTANT_ALL_ACCESS" },
    { "Semaphore", semaphore_rights, 0x1f0003, "SEMAPHORE_ALL_ACCESS" },
    { "Timer", timer_rights, 0x1f0003, "TIMER_ALL_ACCESS" },
    { "Section", section_rights, 0xf001f, "SECTION_ALL_ACCESS" },
    { "Directory", directory_rights, 0xf000f, "DIRECTORY_ALL_ACCESS" },
    { "Job", job_rights, 0x1f003f, "JOB_OBJECT_ALL_ACCESS" },
    { "IoCompletion", iocompletion_rights, 0x1f0003, "IO_COMPLETION_ALL_ACCESS" },
    { "SymbolicLink", symlink_rights, 0xf0001, "SYMBOLIC_LINK_ALL_ACCESS" },
    { "Desktop", desktop_rights, 0, NULL },
    { "WindowStation", winsta_rights, 0, NULL },
};

static size_t append(char *out, size_t n, size_t pos, const char *name)
{
    if (pos >= n)
        return pos;
    int w = snprintf(out + pos, n - pos, "%s%s", pos ? "|" : "", name);
    return w < 0 ? pos : pos + (size_t)w;
}

void access_rights_text(const char *type_name, uint32_t mask, char *out, size_t n)
{
    if (!n)
        return;
    out[0] = 0;
    const struct right *specific = NULL;
    for (size_t i = 0; type_name && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(types[i].type, type_name) == 0) {
            if (types[i].all && mask == types[i].all) {
                snprintf(out, n, "%s", types[i].all_name);
                return;
            }
            specific = types[i].rights;
            break;
        }
    size_t pos = 0;
    uint32_t rest = mask;
    for (int pass = 0; pass < 2; pass++) {
        const struct right *r = pass == 0 ? specific : standard_rights;
        for (; r && r->name; r++)
            if (rest & r->bit) {
                pos = append(out, n, pos, r->name);
                rest &= ~r->bit;
            }
    }
    if (rest) {
        char hex[16];
        snprintf(hex, sizeof hex, "0x%x", rest);
        append(out, n, pos, hex);
    }
}
