/* Bounding what a JSON symbol table costs before anything is built from it.
 *
 * jansson turns every JSON value into a heap object of 30 to 300 bytes; a
 * 3 MB .json.xz holding 5,000,000 small symbol entries became a 2.3 GB
 * tree before the loader could count them.  The shape check reads the
 * text as it is decompressed, chunk by chunk, without building anything:
 * it counts the members of every object and array, the values in the
 * whole document, the nesting depth and the length of every string, and
 * stops at the first count past its cap, naming where (`symbols has more
 * than 524288 entries`).  It does not validate JSON (jansson does that
 * afterwards); it only guarantees that what jansson and the loaders then
 * build is bounded.  The caps and the measurements behind them are in
 * docs/hostile-input.md §2. */
#ifndef EPROC_SYMBOLS_JSON_SHAPE_H
#define EPROC_SYMBOLS_JSON_SHAPE_H

#include <stddef.h>
#include <stdint.h>

/* Real Windows kernel tables (../shared/data/isf, 43 builds) have at most
 * 42,835 members in one object (symbols), 193,375 values, nesting depth
 * 11 and strings of 395 bytes. */
#define SHAPE_MAX_MEMBERS (256u << 10)   /* per object or array: 6x */
#define SHAPE_MAX_VALUES (1u << 20)      /* in the document: 5.4x */
#define SHAPE_MAX_DEPTH 64               /* type nesting 16 is ~35 deep */
#define SHAPE_MAX_STRING (64u << 10)     /* bytes in one string or key */
#define SHAPE_NAME 40                    /* bytes of a key kept for messages */

struct json_shape_frame {
    uint32_t members;
    uint8_t is_object, expect_key;
    char name[SHAPE_NAME];   /* the key this container is the value of */
    char key[SHAPE_NAME];    /* the last key read in it (objects) */
};

struct json_shape {
    uint64_t values;
    uint32_t depth;          /* open containers */
    uint32_t string_len;
    uint8_t in_string, escape, in_scalar, string_is_key;
    struct json_shape_frame stack[SHAPE_MAX_DEPTH + 1];
    char problem[256];       /* set when a cap is passed */
};

void json_shape_init(struct json_shape *s);
/* Read the next n bytes of the text.  0 while within the caps; -1 (and
 * s->problem, e.g. "symbols has more than 524288 entries") once a cap is
 * passed; later calls keep returning -1. */
int json_shape_feed(struct json_shape *s, const char *p, size_t n);

#endif
