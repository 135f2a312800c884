/* File names built from capture text (docs/architecture.md, "Quality bars", issue 6 item 5).
 *
 * Process names, module paths and object names in a capture are chosen by
 * whoever controlled the machine.  A dump command that wrote
 * "DIR/<name>" with name "../../etc/cron.d/x" or "\x1b]0;..." would let
 * the capture write where it likes or drive the user's terminal.  Every
 * file eproc writes takes capture text only through safe_name(). */
#ifndef EPROC_BASE_SAFE_NAME_H
#define EPROC_BASE_SAFE_NAME_H

#include <stddef.h>

/* Longest component safe_name() produces (bytes, without the NUL): well
 * under NAME_MAX (255) so that callers can add a prefix and an extension. */
#define SAFE_NAME_MAX 96

/* Turn n bytes of src (stopping at a NUL) into one file-name component in
 * dst (dstsz >= 2): ASCII letters, digits and "._-+" are kept, every other
 * byte ('/', '\\', control characters, spaces, non-ASCII) becomes '_'; a
 * leading '.' or '-' becomes '_' (so never ".", ".." or a hidden file, and
 * never read as an option); names Windows reserves (CON, NUL, COM1...)
 * get a '_' appended; an empty result is "unnamed".  The result is at most
 * min(dstsz - 1, SAFE_NAME_MAX) bytes.  Returns dst. */
char *safe_name(char *dst, size_t dstsz, const char *src, size_t n);

/* "dir/component" into out, or -1 if it does not fit (never a silently
 * truncated path).  component must already be safe. */
int safe_join(char *out, size_t outsz, const char *dir, const char *component);

#endif
