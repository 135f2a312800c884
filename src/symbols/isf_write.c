/* Writing the model as ISF JSON, for Volatility 3 and for eproc itself.
 * Keys are sorted so that the same model always gives the same bytes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "base/safe_file.h"
#include "symbols/isf_internal.h"

static json_t *type_json(const struct isf_type *t, int depth)
{
    json_t *o = json_object();
    if (!t || depth > 32) {
        json_object_set_new(o, "kind", json_string("base"));
        json_object_set_new(o, "name", json_string("void"));
        return o;
    }
    json_object_set_new(o, "kind", json_string(isf_kind_name(t->kind)));
    switch (t->kind) {
    case ISF_KIND_POINTER:
        json_object_set_new(o, "subtype", type_json(t->sub, depth + 1));
        break;
    case ISF_KIND_ARRAY:
        json_object_set_new(o, "count", json_integer(t->count));
        json_object_set_new(o, "subtype", type_json(t->sub, depth + 1));
        break;
    case ISF_KIND_BITFIELD:
        json_object_set_new(o, "bit_position", json_integer(t->bit_position));
        json_object_set_new(o, "bit_length", json_integer(t->bit_length));
        json_object_set_new(o, "type", type_json(t->sub, depth + 1));
        break;
    case ISF_KIND_FUNCTION:
        break;
    default:
        json_object_set_new(o, "name", json_string(t->name ? t->name : ""));
        break;
    }
    return o;
}

static json_t *isf_json(const struct isf *isf)
{
    json_t *root = json_object();

    json_t *meta = json_object();
    json_object_set_new(meta, "format", json_string(isf->format[0] ? isf->format : "6.1.0"));
    json_t *producer = json_object();
    json_object_set_new(producer, "name", json_string("eproc"));
    json_object_set_new(producer, "version", json_string(EPROC_VERSION));
    /* A fixed date keeps forged symbol files byte-identical across runs. */
    json_object_set_new(producer, "datetime", json_string("2026-01-01T00:00:00"));
    json_object_set_new(meta, "producer", producer);
    if (isf->guid[0]) {
        json_t *pdb = json_object();
        json_object_set_new(pdb, "GUID", json_string(isf->guid));
        json_object_set_new(pdb, "age", json_integer(isf->age));
        json_object_set_new(pdb, "database", json_string(isf->pdb_name));
        json_object_set_new(pdb, "machine_type", json_integer(isf->machine_type));
        json_t *win = json_object();
        json_object_set_new(win, "pdb", pdb);
        json_object_set_new(meta, "windows", win);
    }
    json_object_set_new(root, "metadata", meta);

    json_t *bases = json_object();
    for (uint32_t i = 0; i < isf->nbase; i++) {
        const struct isf_base_type *b = &isf->base_types[i];
        json_t *o = json_object();
        json_object_set_new(o, "endian", json_string("little"));
        json_object_set_new(o, "kind", json_string(b->kind));
        json_object_set_new(o, "signed", json_boolean(b->is_signed));
        json_object_set_new(o, "size", json_integer(b->size));
        json_object_set_new(bases, b->name, o);
    }
    json_object_set_new(root, "base_types", bases);

    json_t *users = json_object();
    for (uint32_t i = 0; i < isf->nuser; i++) {
        const struct isf_user_type *u = &isf->user_types[i];
        json_t *fields = json_object();
        for (uint32_t f = 0; f < u->nfields; f++) {
            json_t *fo = json_object();
            json_object_set_new(fo, "offset", json_integer(u->fields[f].offset));
            json_object_set_new(fo, "type", type_json(&u->fields[f].type, 0));
            json_object_set_new(fields, u->fields[f].name, fo);
        }
        json_t *o = json_object();
        json_object_set_new(o, "fields", fields);
        json_object_set_new(o, "kind", json_string(isf_kind_name(u->kind)));
        json_object_set_new(o, "size", json_integer(u->size));
        json_object_set_new(users, u->name, o);
    }
    json_object_set_new(root, "user_types", users);

    json_t *enums = json_object();
    for (uint32_t i = 0; i < isf->nenum; i++) {
        const struct isf_enum *e = &isf->enums[i];
        json_t *consts = json_object();
        for (uint32_t c = 0; c < e->nconstants; c++)
            json_object_set_new(consts, e->constants[c].name, json_integer(e->constants[c].value));
        json_t *o = json_object();
        json_object_set_new(o, "base", json_string(e->base));
        json_object_set_new(o, "constants", consts);
        json_object_set_new(o, "size", json_integer(e->size));
        json_object_set_new(enums, e->name, o);
    }
    json_object_set_new(root, "enums", enums);

    json_t *syms = json_object();
    for (uint32_t i = 0; i < isf->nsym; i++) {
        const struct isf_symbol *s = &isf->symbols[i];
        json_t *o = json_object();
        if (s->has_address)
            json_object_set_new(o, "address", json_integer((json_int_t)s->address));
        if (s->type)
            json_object_set_new(o, "type", type_json(s->type, 0));
        json_object_set_new(syms, s->name, o);
    }
    json_object_set_new(root, "symbols", syms);
    return root;
}

int isf_write_file(const struct isf *isf, const char *path, int compress, struct ep_error *err)
{
    int fd = safe_create(path, SAFE_FILE_FORCE, err);   /* replaces a file, never a link */
    if (fd < 0)
        return -1;
    return isf_write_fd(isf, fd, path, compress, err);
}

int isf_write_fd(const struct isf *isf, int fd, const char *path, int compress, struct ep_error *err)
{
    json_t *root = isf_json(isf);
    char *text = json_dumps(root, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(root);
    if (!text) {
        close(fd);
        return ep_fail(err, "%s: cannot serialise the symbol table", path);
    }
    const uint8_t *data = (const uint8_t *)text;
    size_t len = strlen(text);
    uint8_t *packed = NULL;
    if (compress) {
        if (xz_compress(text, len, &packed, &len) != 0) {
            free(text);
            close(fd);
            return ep_fail(err, "%s: xz compression failed", path);
        }
        data = packed;
    }
    FILE *f = fdopen(fd, "wb");
    int rc = 0;
    if (!f) {
        rc = ep_fail(err, "%s: cannot create: %s", path, strerror(errno));
        close(fd);
    } else {
        if (fwrite(data, 1, len, f) != len)
            rc = ep_fail(err, "%s: write failed: %s", path, strerror(errno));
        if (fclose(f) != 0 && rc == 0)
            rc = ep_fail(err, "%s: write failed: %s", path, strerror(errno));
    }
    free(text);
    free(packed);
    return rc;
}
