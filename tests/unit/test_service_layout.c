/* services.exe's record layout per build (src/windows/service_layout.c):
 * the build ranges follow the tables Volatility 3's windows.svcscan selects
 * (docs/forge.md, "Service records"), and every field of every layout lies
 * inside the bytes readers read and the forge writes. */
#include "windows/service_layout.h"
#include "test.h"

TEST(service_layout_per_build)
{
    static const struct { uint32_t build; const char *source; } want[] = {
        { 14393, "services-win8-x64" },        /* Windows 10 up to 15063 */
        { 15063, "services-win10-15063-x64" },
        { 17763, "services-win10-16299-x64" }, /* Volatility's 17763 table is x86 only */
        { 18362, "services-win10-18362-x64" },
        { 19041, "services-win10-19041-x64" },
        { 19045, "services-win10-19041-x64" },
        { 20348, "services-win10-19041-x64" },
        { 22000, "services-win10-19041-x64" },
        { 22631, "services-win10-19041-x64" },
        { 25398, "services-win10-25398-x64" },
        { 26100, "services-win10-25398-x64" },
        { 0, "services-win10-25398-x64" },     /* unknown: the built-in profile's */
    };
    for (unsigned i = 0; i < sizeof want / sizeof want[0]; i++)
        CHECK_STR(service_layout_for_build(want[i].build)->source, want[i].source);
    /* the two layouts the forge wrote before builds had their own */
    const struct service_layout *l = service_layout_for_build(26100);
    CHECK_EQ_U64(l->rec_type, 0x50);
    CHECK_EQ_U64(l->rec_service_process, 0x150);
    l = service_layout_for_build(14393);
    CHECK_EQ_U64(l->rec_prev, 0x08);
    CHECK_EQ_U64(l->rec_start, 0x5c);
    CHECK_EQ_U64(l->proc_process_id, 0x20);
}

TEST(service_layout_fields_fit)
{
    static const uint32_t builds[] = { 14393, 15063, 16299, 18362, 19041, 25398 };
    for (unsigned i = 0; i < sizeof builds / sizeof builds[0]; i++) {
        const struct service_layout *l = service_layout_for_build(builds[i]);
        CHECK(l->first_build <= builds[i]);
        CHECK(l->rec_size <= SERVICE_RECORD_MAX && l->proc_size <= SERVICE_PROCESS_MAX);
        const uint16_t ptrs[] = { l->rec_next, l->rec_prev, l->rec_service_name, l->rec_display_name,
                                  l->rec_driver_name, l->rec_service_process };
        const uint16_t u32s[] = { l->rec_order, l->rec_start, l->rec_type, l->rec_state };
        for (unsigned j = 0; j < sizeof ptrs / sizeof ptrs[0]; j++)
            CHECK(ptrs[j] + 8u <= l->rec_size);
        for (unsigned j = 0; j < sizeof u32s / sizeof u32s[0]; j++)
            CHECK(u32s[j] + 4u <= l->rec_size);
        CHECK(l->proc_binary_path + 8u <= l->proc_size && l->proc_process_id + 4u <= l->proc_size);
        /* PrevEntry, the link every reader walks, overlaps no other field */
        CHECK(l->rec_prev != l->rec_next && l->rec_prev + 8u <= l->rec_order);
    }
}
