/* Where services.exe keeps each field of its service database, per Windows
 * build (x64).  Microsoft publishes no symbols for services.exe; the table
 * in service_layout.c says where each layout comes from.  Both the reader
 * (service_records.c) and the forge (src/forge/services.c) take their
 * offsets from here, chosen once from the kernel's build number. */
#ifndef EPROC_WINDOWS_SERVICE_LAYOUT_H
#define EPROC_WINDOWS_SERVICE_LAYOUT_H

#include <stdint.h>

struct service_layout {
    uint32_t first_build;        /* the oldest build using this layout */
    const char *builds;          /* the range in words, e.g. "19041-25397" */
    const char *source;          /* whose table states it */
    /* _SERVICE_RECORD */
    uint16_t rec_next;           /* the next (newer) record; the forge writes it, no reader needs it */
    uint16_t rec_prev;           /* PrevEntry: the previous (older) record */
    uint16_t rec_order, rec_start;
    uint16_t rec_service_name, rec_display_name;
    uint16_t rec_type, rec_state;
    uint16_t rec_driver_name;    /* drivers: the driver's name */
    uint16_t rec_service_process;/* Win32 services: the _SERVICE_PROCESS (the same slot as
                                  * rec_driver_name before 25398: a union chosen by Type) */
    uint16_t rec_size;           /* bytes a reader reads and the forge allocates */
    /* _SERVICE_PROCESS */
    uint16_t proc_binary_path, proc_process_id;
    uint16_t proc_size;
};

/* _SERVICE_HEADER, the same in every layout: the tag 'serH' at +0 (8-byte
 * aligned) and the newest _SERVICE_RECORD at +0x10 */
#define SERVICE_HEADER_RECORD 0x10u

/* no layout's record or process block is larger (readers size their buffers
 * with these; tests/unit/test_service_layout.c checks every layout fits) */
#define SERVICE_RECORD_MAX 0x200u
#define SERVICE_PROCESS_MAX 0x40u

/* The layout of a build (0, unknown: the built-in profile's, 26100). */
const struct service_layout *service_layout_for_build(uint32_t build);

#endif
