/* The physical layer: one interface over every capture format.
 *
 * A capture is a memory-mapped file plus a sorted list of runs, each a
 * physical range stored contiguously somewhere in the file.  Reading is
 * format-independent once the runs are known, so each format only has to
 * describe its runs (and its header facts).  A physical page absent from
 * every run is not an error: reads report how many bytes were available.
 *
 * Formats that store kernel-virtual data blocks instead of physical memory
 * (kernel triage dumps) list them as vblocks; the translation layer reads
 * them when there is no page table to walk. */
#ifndef EPROC_LAYER_PHYSICAL_H
#define EPROC_LAYER_PHYSICAL_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

struct mapped_file {
    const char *path;        /* as given by the user, for messages */
    const uint8_t *data;     /* read-only mapping, NULL when size is 0 */
    uint64_t size;
    int fd;                  /* kept open for hole queries (SEEK_DATA); -1 if none */
};

struct phys_run {
    uint64_t pa;             /* first physical address */
    uint64_t len;            /* bytes */
    uint64_t file_off;       /* where the run starts in the file */
};

struct vblock {              /* a block of kernel-virtual memory stored in the file */
    uint64_t va;
    uint64_t len;
    uint64_t file_off;
};

enum capture_kind {
    CAPTURE_RAW,
    CAPTURE_CRASHDUMP,       /* PAGEDU64: full, bitmap, triage */
    CAPTURE_ELF,             /* ELF64 core: QEMU dump-guest-memory, VirtualBox */
    CAPTURE_LIME,
    CAPTURE_MINIDUMP,        /* MDMP: user-mode, handled by minidump/ */
};

struct crashdump_info;       /* layer/crashdump.h */

struct capture {
    struct mapped_file file;
    enum capture_kind kind;
    const char *format;      /* human name: "raw", "crash dump (full)", ... */

    struct phys_run *runs;   /* sorted by pa, non-overlapping */
    size_t nruns;
    uint64_t phys_bytes;     /* sum of run lengths */

    struct vblock *vblocks;  /* sorted by va (triage dumps) */
    size_t nvblocks;

    struct crashdump_info *dump;   /* header facts, crash dumps only */

    int borrowed;            /* file.data belongs to the caller (capture_open_buffer) */
};

/* Open and identify a capture by its magic bytes.  On failure fills err
 * with "PATH: problem" and returns -1 (exit code 3 material). */
int capture_open(const char *path, struct capture **out, struct ep_error *err);
/* The same over bytes already in memory (fuzzers, tests).  Nothing is
 * copied: data must outlive the capture, and capture_close() leaves it
 * alone.  label names it in messages. */
int capture_open_buffer(const void *data, size_t len, const char *label, struct capture **out,
                        struct ep_error *err);
void capture_close(struct capture *cap);

/* Reads of a mapped capture fail by SIGBUS (file truncated meanwhile, I/O
 * error): from now on that prints "eproc: PATH: read error ..." and exits
 * with code 3.  For the CLI; a library user may prefer its own handler.
 * Returns sigaction()'s result. */
int capture_guard_reads(const char *path);

/* Copy up to len bytes at physical address pa.  Returns the number of bytes
 * copied before the first byte not present in the capture. */
uint64_t phys_read(const struct capture *cap, uint64_t pa, void *buf, uint64_t len);

/* Zero-copy view: pointer to the bytes at pa if [pa, pa+len) lies inside
 * one run, else NULL.  Scanners use this to avoid copies. */
const uint8_t *phys_view(const struct capture *cap, uint64_t pa, uint64_t len);

/* Is the whole 4 KiB page at pa present? */
int phys_page_present(const struct capture *cap, uint64_t pa);

/* Read kernel-virtual bytes from vblocks (triage dumps); same contract as
 * phys_read. */
uint64_t vblock_read(const struct capture *cap, uint64_t va, void *buf, uint64_t len);

/* Drop the capture's mapped pages from this process's resident set
 * (MADV_DONTNEED on the read-only file mapping: the pages stay in the page
 * cache and fault back in when read again; pointers from phys_view()
 * stay valid).  Walkers that touch pages all over a large capture call it
 * now and then so that resident memory does not grow with the capture.
 * Nothing for a capture opened over a caller's buffer. */
void capture_release_pages(const struct capture *cap);

/* Highest physical address + 1 covered by any run. */
uint64_t phys_end(const struct capture *cap);

/* --- helpers for format parsers (layer-internal) --- */

/* Append a run; merges with the previous run when both pa and file offset
 * continue it.  Returns -1 on allocation failure or too many runs. */
int capture_add_run(struct capture *cap, uint64_t pa, uint64_t len, uint64_t file_off);
int capture_add_vblock(struct capture *cap, uint64_t va, uint64_t len, uint64_t file_off);
/* Sort and validate runs (overlaps, file bounds); warns and trims runs that
 * point past end of file. */
int capture_finish_runs(struct capture *cap, struct ep_error *err);

#endif
