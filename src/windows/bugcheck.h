/* Bug check codes: name, and what each of the four parameters means.
 *
 * Facts from Microsoft's Bug Check Code Reference
 * (learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-code-reference2)
 * and each code's page there ("Bug Check 0x1E: KMODE_EXCEPTION_NOT_HANDLED",
 * ...), paraphrased.  A code with bit 28 set (0x1000007E) is the "_M"
 * twin of the code without it, with the same parameters (the reference's
 * pages for 0x1000007E, 0x1000008E, 0x100000EA list them together). */
#ifndef EPROC_WINDOWS_BUGCHECK_H
#define EPROC_WINDOWS_BUGCHECK_H

#include <stdint.h>

struct bugcheck_info {
    uint32_t code;
    const char *name;
    const char *params[4];
    int code_param;            /* 1-4: the parameter holding the faulting instruction's address, 0 if none */
};

/* The entry for code (bit 28 folded), NULL if the table lacks it. */
const struct bugcheck_info *bugcheck_lookup(uint32_t code);

/* The name as the debugger shows it ("SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M"
 * for 0x1000007E) into out; "" when unknown. */
void bugcheck_name(uint32_t code, char *out, unsigned outsz);

#endif
