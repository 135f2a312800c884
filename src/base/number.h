/* Numbers given on the command line (issue 10 item 3).
 *
 * One grammar for every numeric option, so that what a user types means
 * one thing everywhere: decimal digits, or "0x" and hex digits; no sign,
 * no spaces, no octal (a leading 0 is still decimal), nothing after the
 * digits; and the value must fit the option's range.  strtoull() accepts
 * "-18446744073709551612" as 4 and saturates "99999999999999999999" to
 * 2^64-1 without a word, which is how "--pid -18446744073709551612" used
 * to select PID 4. */
#ifndef EPROC_BASE_NUMBER_H
#define EPROC_BASE_NUMBER_H

#include <stddef.h>
#include <stdint.h>

/* Parse n bytes of s.  Returns 0 with *out set, or -1 (not a number in the
 * grammar above) or -2 (a number greater than max). */
int number_parse_n(const char *s, size_t n, uint64_t max, uint64_t *out);
int number_parse(const char *s, uint64_t max, uint64_t *out);

/* Parse a comma-separated list such as "4,0x1f8,1000" into out[0..cap).
 * Returns the count, or -1 (an item is empty or not a number), -2 (out of
 * range), -3 (more than cap items); *bad_item and *bad_len then name the item
 * at fault (for the message).  Any length: nothing is cut. */
int number_list_parse(const char *s, uint64_t max, uint64_t *out, unsigned cap, const char **bad_item,
                      size_t *bad_len);

#endif
