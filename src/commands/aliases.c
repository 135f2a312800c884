/* Command names as Volatility 3 users type them, and "did you mean".
 *
 * `windows.pslist`, `windows.pslist.PsList` and `pslist` name the same
 * command.  A Volatility 3 plugin whose name differs from eproc's is listed
 * below; any other `windows.NAME` resolves to the eproc command NAME when
 * there is one, so commands added later get their alias for free.  Plugin
 * names are facts from Volatility 3's plugin tree (the .py files under plugins/windows). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands/command.h"

struct vol3_alias {
    const char *plugin;   /* after "windows." */
    const char *command;
};

/* Volatility 3 plugins whose eproc command has another name. */
static const struct vol3_alias renamed[] = {
    { "hollowprocesses", "hollowfind" },
    { "joblinks", "jobs" },
    { "crashinfo", "info" },
};

/* Copy NAME without a "windows." prefix and a ".ClassName" suffix into buf.
 * Returns buf, or NULL when the name has no "windows." prefix. */
static const char *plugin_part(const char *name, char *buf, size_t cap)
{
    if (strncasecmp(name, "windows.", 8) != 0)
        return NULL;
    const char *p = name + 8;
    size_t n = strcspn(p, ".");
    if (n == 0 || n >= cap)
        return NULL;
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] - 'A' + 'a' : p[i]);
    buf[n] = 0;
    return buf;
}

const struct command *command_lookup(const char *name)
{
    const struct command *c = command_find(name);
    if (c)
        return c;
    char buf[64];
    const char *plugin = plugin_part(name, buf, sizeof buf);
    if (!plugin)
        return NULL;
    for (size_t i = 0; i < sizeof renamed / sizeof renamed[0]; i++)
        if (strcmp(renamed[i].plugin, plugin) == 0)
            return command_find(renamed[i].command);
    return command_find(plugin);
}

const char *command_vol3_name(const struct command *cmd, char *buf, size_t cap)
{
    for (size_t i = 0; i < sizeof renamed / sizeof renamed[0]; i++)
        if (strcmp(renamed[i].command, cmd->name) == 0) {
            /* crashinfo is a second alias of info; windows.info is the first. */
            if (strcmp(renamed[i].plugin, "crashinfo") == 0)
                continue;
            snprintf(buf, cap, "windows.%s", renamed[i].plugin);
            return buf;
        }
    if (!vol3_has_plugin(cmd->name))
        return NULL;
    snprintf(buf, cap, "windows.%s", cmd->name);
    return buf;
}

/* Volatility 3 plugins (windows/) that carry the name of an eproc command;
 * only these get the generic windows.NAME alias shown in the help. */
int vol3_has_plugin(const char *name)
{
    static const char *const plugins[] = {
        "bigpools", "callbacks", "cmdline", "dlllist", "driverscan", "envars", "filescan",
        "getservicesids", "getsids", "handles", "info", "ldrmodules", "malfind", "memmap",
        "modscan", "modules", "mutantscan", "netscan", "privileges", "pslist", "psscan",
        "pstree", "psxview", "sessions", "ssdt", "svcscan", "svclist", "thrdscan", "threads",
        "vadinfo", "vadwalk", "dumpfiles", "timers", "devicetree", "driverirp",
    };
    for (size_t i = 0; i < sizeof plugins / sizeof plugins[0]; i++)
        if (strcmp(plugins[i], name) == 0)
            return 1;
    return 0;
}

/* Levenshtein distance, case-insensitive, for names up to 63 characters. */
static unsigned edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 99;
    unsigned row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (unsigned)j;
    for (size_t i = 1; i <= la; i++) {
        unsigned diag = row[0];
        row[0] = (unsigned)i;
        for (size_t j = 1; j <= lb; j++) {
            unsigned up = row[j];
            unsigned cost = (a[i - 1] | 0x20) == (b[j - 1] | 0x20) ? 0 : 1;
            unsigned best = diag + cost;
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const struct command *command_suggest(const char *name)
{
    char buf[64];
    const char *plugin = plugin_part(name, buf, sizeof buf);
    const char *typed = plugin ? plugin : name;
    const struct command *best = NULL;
    unsigned best_d = ~0u;
    for (int i = 0; ep_commands[i]; i++) {
        unsigned d = edit_distance(typed, ep_commands[i]->name);
        if (d < best_d) {
            best_d = d;
            best = ep_commands[i];
        }
    }
    for (size_t i = 0; i < sizeof renamed / sizeof renamed[0]; i++) {
        unsigned d = edit_distance(typed, renamed[i].plugin);
        if (d < best_d) {
            best_d = d;
            best = command_find(renamed[i].command);
        }
    }
    /* A third of the name, at least 2: "plist" -> pslist, not "x" -> info. */
    size_t len = strlen(typed);
    unsigned limit = len / 3 > 2 ? (unsigned)(len / 3) : 2;
    return best_d <= limit && best_d < len ? best : NULL;
}
