/* Creating output files safely (issue 10 item 5).
 *
 * Every file eproc writes -- the forge's image, IMAGE.truth.json and
 * IMAGE.symbols/, and the report and dump commands that come later --
 * is created here, so that one set of rules holds everywhere:
 *
 *  - The last component is never followed if it is a symbolic link: files
 *    are created with O_CREAT|O_EXCL|O_NOFOLLOW, directories with mkdirat()
 *    and opened with O_DIRECTORY|O_NOFOLLOW, each relative to the open
 *    parent directory (openat), so a link planted at "-o x.raw" or at
 *    "x.raw.symbols" cannot redirect the write, even in a race.  The
 *    directories the user named in the path are the user's choice and are
 *    followed as given.
 *  - An existing output is refused unless SAFE_FILE_FORCE; with it, an
 *    existing regular file is removed and created afresh and an existing
 *    directory is reused.  A symbolic link, a device or a FIFO is refused
 *    even with SAFE_FILE_FORCE.
 *  - A path of PATH_MAX bytes or more, or a component longer than NAME_MAX,
 *    is refused with one line instead of being cut.
 *
 * Errors fill err with one line, "PATH: problem" (long paths shortened in
 * the message). */
#ifndef EPROC_BASE_SAFE_FILE_H
#define EPROC_BASE_SAFE_FILE_H

#include <stdio.h>

#include "base/diag.h"

#define SAFE_FILE_FORCE 1u   /* replace an existing regular file / reuse a directory */

/* Would safe_create() (as_dir 0) / safe_mkdir_chain() (as_dir 1) accept
 * path?  Checks the length limits and what exists there now, touching
 * nothing: for refusing before expensive work.  Returns 0 or -1 with err
 * set. */
int safe_path_check(const char *path, unsigned flags, int as_dir, struct ep_error *err);

/* Does path fit the system's limits (shorter than PATH_MAX, every
 * component at most NAME_MAX)?  Returns 0 or -1 with err set. */
int safe_path_fits(const char *path, struct ep_error *err);

/* Create path for writing (mode 0644).  Returns the descriptor or -1. */
int safe_create(const char *path, unsigned flags, struct ep_error *err);

/* The same as a stdio stream ("wb"). */
FILE *safe_fopen(const char *path, unsigned flags, struct ep_error *err);

/* Create directory path (its last component, as safe_create() would a
 * file) and below it the relative chain sub ("a/b", may be "" or NULL),
 * each created or, when it exists, opened without following a link.
 * Returns a descriptor of the deepest directory, or -1. */
int safe_mkdir_chain(const char *path, const char *sub, unsigned flags, struct ep_error *err);

/* Create name (one component) in the directory dirfd; shown is the path
 * used in messages.  Returns the descriptor or -1. */
int safe_create_at(int dirfd, const char *name, const char *shown, unsigned flags, struct ep_error *err);

/* a followed by b, in a new allocation (no length limit: the result is
 * checked by the calls above).  NULL when out of memory. */
char *safe_path_join(const char *a, const char *b);

#endif
