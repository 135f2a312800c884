/* Rows and renderers (docs/architecture.md, "Contracts").
 *
 * A command declares its columns once, adds rows of typed cells, and hands
 * the table to table_render(), which knows the four output formats.  Keys
 * are snake_case and stable; addresses render as "0x..." strings, counts as
 * numbers, times as ISO-8601 UTC or null.  Commands never print rows
 * themselves, so every command gets every format for free. */
#ifndef EPROC_OUTPUT_TABLE_H
#define EPROC_OUTPUT_TABLE_H

#include <stdint.h>
#include <stdio.h>

enum out_format { OUT_TEXT, OUT_JSON, OUT_JSONL, OUT_CSV };

enum col_type {
    COL_STR,    /* text (sanitised on the way in) */
    COL_INT,    /* signed number */
    COL_UINT,   /* unsigned number */
    COL_ADDR,   /* address: "0x..." string in every format */
    COL_HEX,    /* number shown as hex in text, and as a "0x..." string */
    COL_TIME,   /* FILETIME: ISO-8601 UTC string, null when zero */
    COL_BOOL,   /* true/false */
    COL_LIST,   /* a list: set as one string of items separated by ", " or ","
                 * (shown so in text and CSV); JSON renders an array of
                 * strings, [] for "" (docs/schema.md) */
    COL_RECORDS,/* an array of objects with the same keys (cell_records):
                 * JSON renders the array; text and CSV show each record as
                 * "a.b=c" (all values but the last joined by '.', then '='
                 * and the last), records separated by "; " */
};

struct col_def {
    const char *key;      /* JSON/CSV key, snake_case */
    const char *header;   /* text column header */
    enum col_type type;
};

struct table;

/* columns must outlive the table (commands use static arrays). */
struct table *table_new(const struct col_def *columns, unsigned ncolumns);
void table_free(struct table *t);

/* Text output as "header: value" lines instead of columns: for commands
 * that describe one thing (info). */
void table_set_vertical(struct table *t, int vertical);

/* Start a new row; all its cells are null until set. */
void table_add_row(struct table *t);
unsigned table_row_count(const struct table *t);

/* Set a cell of the current row by column index.  Strings are copied and
 * sanitised to valid UTF-8.  A NULL string makes the cell null. */
void cell_str(struct table *t, unsigned col, const char *s);
void cell_int(struct table *t, unsigned col, int64_t v);
void cell_uint(struct table *t, unsigned col, uint64_t v);
void cell_bool(struct table *t, unsigned col, int v);
void cell_null(struct table *t, unsigned col);
/* For COL_ADDR / COL_HEX / COL_TIME columns. */
void cell_addr(struct table *t, unsigned col, uint64_t v);
void cell_time(struct table *t, unsigned col, uint64_t filetime);

/* For a COL_RECORDS column: n records of nkeys values each, row-major in
 * values (n * nkeys strings; NULL is JSON null).  Keys and values are
 * copied. */
void cell_records(struct table *t, unsigned col, const char *const *keys, unsigned nkeys,
                  const char *const *values, unsigned n);
/* Flag the current row's cell as disagreeing with the rest of its row:
 * text output appends '*' to it; other formats carry the value only
 * (commands that mark cells also emit the disagreement as data). */
void cell_mark(struct table *t, unsigned col);

/* Set a cell by key (slower; for one-row tables). Unknown keys abort. */
unsigned table_col(const struct table *t, const char *key);

/* Render.  Returns 0, or -1 if writing failed (e.g. EPIPE). */
int table_render(const struct table *t, enum out_format fmt, FILE *out);

/* Parse "text|json|jsonl|csv"; -1 if unknown. */
int out_format_parse(const char *name);

#endif
