/* Make a dense copy of a forged (sparse) image: every hole filled with
 * junk, every byte the forge wrote kept as it is.
 *
 *     cc -O2 -o densify bench/densify.c && ./densify SPARSE DENSE
 *
 * The forge writes sparse files, and a scanner that asks the file system
 * where the data is (SEEK_DATA/SEEK_HOLE) skips the holes: a sparse image
 * hides the cost of reading a real acquisition, where every page holds
 * something.  The junk is pseudo-random and never repeats (xorshift64*,
 * fixed seed: the same image every time), so neither a scan's cheap
 * reject of zeroed memory nor a repeated block's repeated false hits
 * distort the measurement.  A bench helper, not part of eproc. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK (4u << 20)

static uint64_t state = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545f4914f6cdd1dull;
}

static void die(const char *what, const char *path)
{
    fprintf(stderr, "densify: %s: %s: %s\n", path, what, strerror(errno));
    exit(1);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: densify SPARSE DENSE\n");
        return 2;
    }
    int src = open(argv[1], O_RDONLY);
    if (src < 0)
        die("cannot open", argv[1]);
    struct stat st;
    if (fstat(src, &st) != 0)
        die("cannot stat", argv[1]);
    int dst = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (dst < 0)
        die("cannot create", argv[2]);
    uint64_t *junk = malloc(BLOCK);
    if (!junk)
        die("out of memory", argv[2]);
    off_t size = st.st_size, pos = 0;
    unsigned long long copied = 0;
    while (pos < size) {
        off_t data = lseek(src, pos, SEEK_DATA);
        if (data < 0)
            data = size;                         /* only a hole remains */
        while (pos < data) {                     /* the hole: junk */
            size_t n = data - pos < BLOCK ? (size_t)(data - pos) : BLOCK;
            for (size_t i = 0; i < n / 8; i++)
                junk[i] = next();
            if (pwrite(dst, junk, n, pos) != (ssize_t)n)
                die("write failed", argv[2]);
            pos += (off_t)n;
        }
        if (pos >= size)
            break;
        off_t hole = lseek(src, data, SEEK_HOLE);
        if (hole < 0)
            hole = size;
        while (pos < hole) {                     /* the forge's bytes, as they are */
            loff_t in = pos, out = pos;
            ssize_t n = copy_file_range(src, &in, dst, &out, (size_t)(hole - pos), 0);
            if (n <= 0)
                die("copy failed", argv[1]);
            pos += n;
            copied += (unsigned long long)n;
        }
    }
    if (ftruncate(dst, size) != 0 || close(dst) != 0)
        die("cannot finish", argv[2]);
    printf("%s: %lld bytes, %llu from the forge, %llu of junk\n", argv[2], (long long)size, copied,
           (unsigned long long)size - copied);
    return 0;
}
