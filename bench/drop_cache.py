#!/usr/bin/python3
"""Evict one file from the page cache (posix_fadvise POSIX_FADV_DONTNEED),
so the next read of it is cold, without touching any other file's pages.

    drop_cache.py FILE...
"""
import os
import sys

for path in sys.argv[1:]:
    fd = os.open(path, os.O_RDONLY)
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    os.close(fd)
