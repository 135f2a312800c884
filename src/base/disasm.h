/* x86-64 disassembly of a few bytes, for reports that show what code a
 * region starts with (malfind).  Uses capstone (Debian libcapstone-dev):
 * instruction decoding is a solved problem, and a hand-made decoder would
 * be the riskier parser on hostile bytes. */
#ifndef EPROC_BASE_DISASM_H
#define EPROC_BASE_DISASM_H

#include <stddef.h>
#include <stdint.h>

/* Decode up to max_insn instructions of code[0..len) as if loaded at addr,
 * into out as "0xADDR: mnemonic operands; ..." (truncated to outsz).
 * Stops at the first byte that is no instruction ("(bad)").  Returns the
 * number of instructions decoded, -1 when the decoder cannot start. */
int disasm_x64(const uint8_t *code, size_t len, uint64_t addr, unsigned max_insn, char *out, size_t outsz);

#endif
