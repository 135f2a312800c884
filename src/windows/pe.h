/* Just enough of PE/COFF to identify a mapped image: its size and the
 * CodeView (RSDS) record that names its PDB.
 * Layout: Microsoft PE/COFF specification (IMAGE_DOS_HEADER.e_lfanew at
 * 0x3c; PE32+ optional header magic 0x20b, SizeOfImage at +56, data
 * directories at +112, debug directory index 6; IMAGE_DEBUG_DIRECTORY 28
 * bytes, Type 2 = CODEVIEW; CodeView 7.0 "RSDS" + GUID + Age + path). */
#ifndef EPROC_WINDOWS_PE_H
#define EPROC_WINDOWS_PE_H

#include <stdint.h>

#include "translate/x64.h"

struct pe_codeview {
    char pdb_name[64];       /* file name part of the PDB path */
    char guid[33];
    uint32_t age;
};

struct pe_info {
    uint32_t size_of_image;
    uint16_t machine;
    int has_codeview;
    struct pe_codeview cv;
};

/* Parse the image mapped at va.  Returns 0 if it is a PE image. */
int pe_parse_mapped(struct vspace *vs, uint64_t va, struct pe_info *out);

#endif
