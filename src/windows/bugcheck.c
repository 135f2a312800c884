#include "windows/bugcheck.h"

#include <stdio.h>

#define M_FLAG 0x10000000u

/* Sorted by code.  Parameter texts paraphrase the reference pages named in
 * bugcheck.h; "0"/"reserved" where the page says so. */
static const struct bugcheck_info table[] = {
    { 0x0A, "IRQL_NOT_LESS_OR_EQUAL",
      { "memory referenced", "IRQL at the time of the reference",
        "access: bit 0 set = write, bit 3 set = execute", "address of the instruction that referenced memory" }, 4 },
    { 0x19, "BAD_POOL_HEADER", { "type of violation", "depends on parameter 1", "depends on parameter 1",
                                  "depends on parameter 1" }, 0 },
    { 0x1A, "MEMORY_MANAGEMENT", { "subtype of the memory management violation", "depends on parameter 1",
                                    "depends on parameter 1", "depends on parameter 1" }, 0 },
    { 0x1E, "KMODE_EXCEPTION_NOT_HANDLED",
      { "exception code that was not handled", "address where the exception occurred",
        "exception parameter 0", "exception parameter 1" }, 2 },
    { 0x3B, "SYSTEM_SERVICE_EXCEPTION",
      { "exception that caused the bug check", "address of the instruction that caused it",
        "address of the exception's context record", "0" }, 2 },
    { 0x50, "PAGE_FAULT_IN_NONPAGED_AREA",
      { "memory address referenced", "access: 0 read, 2 write, 0x10 execute",
        "address of the instruction that referenced memory (if known)", "type of page fault" }, 3 },
    { 0x7E, "SYSTEM_THREAD_EXCEPTION_NOT_HANDLED",
      { "exception code that was not handled", "address where the exception occurred",
        "address of the exception record", "address of the context record" }, 2 },
    { 0x7F, "UNEXPECTED_KERNEL_MODE_TRAP", { "the processor exception (trap number)", "reserved", "reserved",
                                              "reserved" }, 0 },
    { 0x8E, "KERNEL_MODE_EXCEPTION_NOT_HANDLED",
      { "exception code that was not handled", "address where the exception occurred",
        "address of the trap frame", "reserved" }, 2 },
    { 0x9F, "DRIVER_POWER_STATE_FAILURE", { "type of failure", "depends on parameter 1",
                                             "depends on parameter 1", "depends on parameter 1" }, 0 },
    { 0xBE, "ATTEMPTED_WRITE_TO_READONLY_MEMORY",
      { "virtual address of the attempted write", "PTE contents", "reserved", "reserved" }, 0 },
    { 0xC2, "BAD_POOL_CALLER", { "type of pool violation", "depends on parameter 1", "depends on parameter 1",
                                  "depends on parameter 1" }, 0 },
    { 0xC4, "DRIVER_VERIFIER_DETECTED_VIOLATION", { "type of violation", "depends on parameter 1",
                                                     "depends on parameter 1", "depends on parameter 1" }, 0 },
    { 0xD1, "DRIVER_IRQL_NOT_LESS_OR_EQUAL",
      { "memory referenced", "IRQL at the time of the reference", "access: 0 read, 1 write, 8 execute",
        "address of the instruction that referenced memory" }, 4 },
    { 0xE2, "MANUALLY_INITIATED_CRASH", { "0", "0", "0", "0" }, 0 },
    { 0xEA, "THREAD_STUCK_IN_DEVICE_DRIVER",
      { "pointer to the stuck thread object", "pointer to the DEFERRED_WATCHDOG object",
        "pointer to the offending driver name", "number of times intercepted" }, 0 },
    { 0xEF, "CRITICAL_PROCESS_DIED", { "the process object", "0: a process died, 1: a thread died", "reserved",
                                        "reserved" }, 0 },
    { 0xFC, "ATTEMPTED_EXECUTE_OF_NOEXECUTE_MEMORY",
      { "virtual address whose execution was attempted", "PTE contents", "reserved", "reserved" }, 1 },
    { 0x101, "CLOCK_WATCHDOG_TIMEOUT",
      { "clock interrupt time-out interval, in nominal clock ticks", "0",
        "address of the PRCB of the unresponsive processor", "index of the hung processor" }, 0 },
    { 0x109, "CRITICAL_STRUCTURE_CORRUPTION", { "reserved", "reserved", "reserved", "type of corrupted region" }, 0 },
    { 0x116, "VIDEO_TDR_FAILURE",
      { "pointer to the TDR recovery context", "pointer into the responsible device driver module",
        "error code of the last failed operation", "internal context-dependent data" }, 0 },
    { 0x124, "WHEA_UNCORRECTABLE_ERROR", { "type of error source", "address of the WHEA_ERROR_RECORD",
                                            "depends on parameter 1", "depends on parameter 1" }, 0 },
    { 0x133, "DPC_WATCHDOG_VIOLATION",
      { "0: a single DPC or ISR exceeded its time allotment, 1: the system spent too long at DISPATCH_LEVEL or above",
        "DPC time count (ticks)", "DPC time allotment (ticks)", "depends on parameter 1" }, 0 },
    { 0x139, "KERNEL_SECURITY_CHECK_FAILURE",
      { "type of corruption", "address of the trap frame", "address of the exception record", "reserved" }, 0 },
    { 0x1C8, "MANUALLY_INITIATED_POWER_BUTTON_HOLD",
      { "time the power button was held down, in milliseconds", "pointer to nt!_POP_POWER_BUTTON_TRIAGE_BLOCK",
        "reserved", "reserved" }, 0 },
};

const struct bugcheck_info *bugcheck_lookup(uint32_t code)
{
    uint32_t base = code & ~M_FLAG;
    for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++)
        if (table[i].code == base)
            return &table[i];
    return NULL;
}

void bugcheck_name(uint32_t code, char *out, unsigned outsz)
{
    const struct bugcheck_info *b = bugcheck_lookup(code);
    snprintf(out, outsz, "%s%s", b ? b->name : "", b && (code & M_FLAG) ? "_M" : "");
}
