#include "base/disasm.h"

#include <stdio.h>
#include <string.h>

#include <capstone/capstone.h>

int disasm_x64(const uint8_t *code, size_t len, uint64_t addr, unsigned max_insn, char *out, size_t outsz)
{
    if (outsz)
        out[0] = 0;
    csh h;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK)
        return -1;
    cs_insn *insn = cs_malloc(h);
    if (!insn) {
        cs_close(&h);
        return -1;
    }
    const uint8_t *p = code;
    size_t left = len;
    uint64_t at = addr;
    size_t pos = 0;
    int n = 0;
    while ((unsigned)n < max_insn && left > 0) {
        const char *sep = n ? "; " : "";
        int w;
        if (!cs_disasm_iter(h, &p, &left, &at, insn)) {
            w = snprintf(out + pos, outsz - pos, "%s0x%llx: (bad)", sep, (unsigned long long)at);
            if (w > 0)
                pos += (size_t)w < outsz - pos ? (size_t)w : outsz - pos - 1;
            break;
        }
        w = snprintf(out + pos, outsz - pos, "%s0x%llx: %s%s%s", sep, (unsigned long long)insn->address,
                     insn->mnemonic, insn->op_str[0] ? " " : "", insn->op_str);
        if (w < 0 || (size_t)w >= outsz - pos) {
            pos = outsz - 1;
            break;
        }
        pos += (size_t)w;
        n++;
    }
    cs_free(insn, 1);
    cs_close(&h);
    return n;
}
