/* services.exe's service database layouts, one per range of builds (x64).
 *
 * Microsoft publishes no symbols for services.exe.  These are the layouts
 * Volatility 3's windows.svcscan uses, facts taken from its symbol tables
 * (volatility3/framework/symbols/windows/services/services-*-x64.json; no
 * code taken), split at the builds where its svcscan.py switches tables:
 *   < 15063          services-win8-x64 (its table for Windows 8 and for
 *                    Windows 10 up to 15063; 14393 reads with it)
 *   15063            services-win10-15063-x64
 *   16299 - 18361    services-win10-16299-x64 (17763 x64 reads with it:
 *                    Volatility's 17763 table is x86 only)
 *   18362 - 19040    services-win10-18362-x64
 *   19041 - 25397    services-win10-19041-x64 (19041-19045, 20348, 22000,
 *                    22621, 22631)
 *   >= 25398         services-win10-25398-x64 (26100)
 * Volatility chooses by the kernel table's PE version, else by members of
 * the kernel's types that appeared at those builds; for the tables in
 * ../shared/data/isf both ways give the ranges above (docs/forge.md,
 * "Service records").  Before 25398 DriverName and ServiceProcess share
 * one slot, read as one or the other by the service's Type.
 *
 * rec_next (+0, the newer record) is what the forge writes in the
 * _SERVICE_LIST_ENTRY at +0 that every table declares; no reader needs it.
 * rec_size covers the highest field the tables place (8-byte rounded);
 * proc_size likewise. */
#include "windows/service_layout.h"

#include <stddef.h>

static const struct service_layout layouts[] = {
    /* first  builds            source                     next prev  ord  start name  disp type  state drv    proc   size   bin   pid   psize */
    { 0,     "up to 15062",   "services-win8-x64",        0, 0x08, 0x20, 0x5c, 0x10, 0x18, 0x40, 0x44, 0x38,  0x38,  0x60,  0x18, 0x20, 0x28 },
    { 15063, "15063-16298",   "services-win10-15063-x64", 0, 0x10, 0x20, 0x24, 0x38, 0x40, 0x48, 0x4c, 0xe8,  0xe8,  0xf0,  0x18, 0x20, 0x28 },
    { 16299, "16299-18361",   "services-win10-16299-x64", 0, 0x10, 0x20, 0x24, 0x38, 0x40, 0x48, 0x4c, 0xe8,  0xe8,  0xf0,  0x18, 0x28, 0x30 },
    { 18362, "18362-19040",   "services-win10-18362-x64", 0, 0x10, 0x20, 0x24, 0x38, 0x40, 0x48, 0x4c, 0xf0,  0xf0,  0xf8,  0x18, 0x28, 0x30 },
    { 19041, "19041-25397",   "services-win10-19041-x64", 0, 0x10, 0x20, 0x24, 0x38, 0x40, 0x48, 0x4c, 0x128, 0x128, 0x130, 0x18, 0x28, 0x30 },
    { 25398, "25398 and later", "services-win10-25398-x64", 0, 0x10, 0x20, 0x24, 0x38, 0x40, 0x50, 0x54, 0x128, 0x150, 0x158, 0x18, 0x28, 0x30 },
};

/* the built-in profile is 26100's */
enum { BUILTIN_BUILD = 26100 };

const struct service_layout *service_layout_for_build(uint32_t build)
{
    if (!build)
        build = BUILTIN_BUILD;
    const struct service_layout *pick = &layouts[0];
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++)
        if (build >= layouts[i].first_build)
            pick = &layouts[i];
    return pick;
}
