/* eproc pstree: processes as a tree by parent PID, with the anomalies a
 * tree makes visible: parents that exited, hid or never existed, and
 * children created before their parent.  The tree holds every process any
 * view found (windows/census.h): a parent unlinked from the active list is
 * still a parent. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sort.h"
#include "commands/proc_filter.h"
#include "windows/census.h"

extern const struct command cmd_pstree;

static const struct col_def tree_cols[] = {
    { "depth", "Depth", COL_UINT },
    { "tree", "Tree", COL_STR },
    { "name", "Name", COL_STR },
    { "pid", "PID", COL_UINT },
    { "ppid", "PPID", COL_UINT },
    { "offset", "Offset(V)", COL_ADDR },
    { "threads", "Threads", COL_INT },
    { "create_time", "CreateTime", COL_TIME },
    { "exit_time", "ExitTime", COL_TIME },
    { "parent", "Parent", COL_STR },
    { "seen_by", "SeenBy", COL_LIST },
    { "parent_seen_by", "ParentSeenBy", COL_LIST },
    { "note", "Note", COL_STR },
};
enum { C_DEPTH, C_TREE, C_NAME, C_PID, C_PPID, C_OFFSET, C_THREADS, C_CREATE, C_EXIT, C_PARENT, C_SEEN,
       C_PARENT_SEEN, C_NOTE };

struct node {
    const struct ep_process *p;
    int parent;              /* index of the parent node, -1 for roots */
    int first_child, next_sibling;
};

/* The parent is the process with that PID that existed when the child was
 * created (PIDs are reused, and a later process with the same PID is not
 * the parent).  If the only process with that PID was created after the
 * child, it is still returned, and the row is flagged.  -1 if none. */
static int find_parent(const struct process_list *pl, unsigned child)
{
    const struct ep_process *c = &pl->items[child];
    int before = -1, after = -1;
    for (unsigned i = 0; i < pl->n; i++) {
        const struct ep_process *p = &pl->items[i];
        if (i == child || p->pid != c->ppid || p->pid == c->pid)
            continue;
        if (!c->create || p->create <= c->create) {
            if (before < 0 || p->create > pl->items[before].create)
                before = (int)i;
        } else if (after < 0 || p->create < pl->items[after].create) {
            after = (int)i;
        }
    }
    return before >= 0 ? before : after;
}

static int by_create(const void *a, const void *b)
{
    const struct ep_process *x = a, *y = b;
    if (x->create != y->create)
        return x->create < y->create ? -1 : 1;
    return x->pid < y->pid ? -1 : x->pid > y->pid;
}

/* Append "; " and a formatted note. */
static void add_note(char *note, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add_note(char *note, size_t size, const char *fmt, ...)
{
    size_t n = strlen(note);
    if (n && n + 2 < size) {
        memcpy(note + n, "; ", 3);
        n += 2;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(note + n, size - n, fmt, ap);
    va_end(ap);
}

static void emit(struct table *t, const struct process_list *pl, struct node *nodes, int root, int partial)
{
    /* Depth-first without recursion: an explicit stack, bounded by n. */
    int *stack = malloc(sizeof(int) * (pl->n + 1));
    unsigned *depth = malloc(sizeof(unsigned) * (pl->n + 1));
    if (!stack || !depth) {
        free(stack);
        free(depth);
        return;
    }
    unsigned sp = 0;
    stack[sp] = root;
    depth[sp++] = 0;
    while (sp) {
        sp--;
        int i = stack[sp];
        unsigned d = depth[sp];
        const struct ep_process *p = nodes[i].p;
        char indent[256];
        unsigned dots = d > 60 ? 60 : d;
        memset(indent, '.', dots * 2);
        snprintf(indent + dots * 2, sizeof indent - dots * 2, "%s", d ? " " : "");
        char tree[320];
        snprintf(tree, sizeof tree, "%s%s", indent, p->name);
        table_add_row(t);
        cell_uint(t, C_DEPTH, d);
        cell_str(t, C_TREE, tree);
        cell_str(t, C_NAME, p->name);
        cell_uint(t, C_PID, p->pid);
        cell_uint(t, C_PPID, p->ppid);
        if (p->va) cell_addr(t, C_OFFSET, p->va);
        if (p->threads >= 0) cell_int(t, C_THREADS, p->threads);
        cell_time(t, C_CREATE, p->create);
        cell_time(t, C_EXIT, p->exit);
        char seen[96], parent_seen[96], note[256] = "";
        view_names(p->views & VIEW_FINDERS, seen, sizeof seen);
        cell_str(t, C_SEEN, seen);
        const char *pstate = NULL;
        if (nodes[i].parent >= 0) {
            const struct ep_process *par = nodes[nodes[i].parent].p;
            pstate = par->exit ? "exited" : "running";
            view_names(par->views & VIEW_FINDERS, parent_seen, sizeof parent_seen);
            cell_str(t, C_PARENT_SEEN, parent_seen);
            if (p->create && par->create > p->create)
                add_note(note, sizeof note, "created before its parent");
            if (par->exit)
                add_note(note, sizeof note, "parent has exited");
            if (!(par->views & VIEW_LIST) && !partial)
                add_note(note, sizeof note, "parent is not in the active process list (found by %s)", parent_seen);
        } else if (p->pid == 0 || p->pid == 4 || (p->ppid == 0 && p->pid != 0)) {
            pstate = NULL;   /* Idle, System and other roots of the machine */
        } else {
            pstate = "missing";
            add_note(note, sizeof note, "parent does not exist in this capture");
        }
        if (!(p->views & VIEW_LIST) && !partial)
            add_note(note, sizeof note, "not in the active process list");
        cell_str(t, C_PARENT, pstate);
        cell_str(t, C_NOTE, note[0] ? note : NULL);
        /* Push children in reverse so they come out oldest first. */
        int kids[4096];
        unsigned nk = 0;
        for (int c = nodes[i].first_child; c >= 0 && nk < 4096; c = nodes[c].next_sibling)
            kids[nk++] = c;
        while (nk && sp < pl->n) {
            stack[sp] = kids[--nk];
            depth[sp++] = d + 1;
        }
    }
    free(stack);
    free(depth);
}

static int run_pstree(struct ep_context *ctx, int argc, char **argv)
{
    struct proc_filter filter;
    struct census c;
    int rc = census_command_start(ctx, &cmd_pstree, argc, argv, &filter, &c);
    if (rc)
        return rc;
    struct process_list procs = c.procs;     /* the census owns the items */
    sort_items(procs.items, procs.n, sizeof *procs.items, by_create);
    struct node *nodes = calloc(procs.n + 1, sizeof *nodes);
    if (!nodes) {
        census_free(&c);
        fprintf(stderr, "eproc: out of memory\n");
        return EP_EXIT_INPUT;
    }
    for (unsigned i = 0; i < procs.n; i++) {
        nodes[i].p = &procs.items[i];
        nodes[i].first_child = nodes[i].next_sibling = -1;
        nodes[i].parent = find_parent(&procs, i);
    }
    /* A parent link that loops (a spoofed PPID can make A the parent of B
     * and B of A) would hide both: cut any cycle at the oldest member. */
    for (unsigned i = 0; i < procs.n; i++) {
        unsigned steps = 0;
        for (int j = nodes[i].parent; j >= 0 && steps <= procs.n; j = nodes[j].parent)
            steps++;
        if (steps > procs.n)
            nodes[i].parent = -1;
    }
    /* Children lists in creation order (procs are sorted by create time). */
    for (int i = (int)procs.n - 1; i >= 0; i--) {
        int par = nodes[i].parent;
        if (par >= 0) {
            nodes[i].next_sibling = nodes[par].first_child;
            nodes[par].first_child = i;
        }
    }
    struct table *t = table_new(tree_cols, sizeof tree_cols / sizeof tree_cols[0]);
    int filtering = filter.npids || filter.nnames;
    for (unsigned i = 0; i < procs.n; i++) {
        if (!filtering) {
            if (nodes[i].parent < 0)
                emit(t, &procs, nodes, (int)i, c.partial);
            continue;
        }
        /* A filter selects the subtrees of matching processes whose
         * ancestors do not match (those are shown within their subtree). */
        if (!proc_filter_match(&filter, &procs.items[i]))
            continue;
        int covered = 0;
        for (int j = nodes[i].parent; j >= 0 && !covered; j = nodes[j].parent)
            covered = proc_filter_match(&filter, &procs.items[j]);
        if (!covered)
            emit(t, &procs, nodes, (int)i, c.partial);
    }
    rc = ctx_render(ctx, t);
    table_free(t);
    free(nodes);
    census_free(&c);
    return rc;
}

const struct command cmd_pstree = {
    "pstree",
    "processes as a parent/child tree, flagging missing parents and impossible orders",
    "usage: eproc -f IMAGE [-s SYMDIR]... pstree [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Builds the tree by parent PID from every process any view found: the\n"
    "active process list, the pool scan, PspCidTable, csrss.exe's handles,\n"
    "the session lists and the owners of scanned threads (psxview's views),\n"
    "so a parent unlinked from the active list is still a parent.  The parent\n"
    "is the process with that PID that existed when the child was created\n"
    "(PIDs are reused).  Parent says whether it is running, exited or\n"
    "missing (no view has it); SeenBy and ParentSeenBy name the views that\n"
    "found the process and its parent.  Note flags parents that exited, that\n"
    "are not in the active list, or that exist in no view, processes not in\n"
    "the active list, and children created before their parent (a sign of\n"
    "PPID spoofing).  Text output indents children with dots.  --pid/--name\n"
    "show the subtrees rooted at the matching processes.\n",
    run_pstree,
};

COMMAND_COLUMNS(cmd_pstree, tree_cols, sizeof tree_cols / sizeof tree_cols[0], NULL)
