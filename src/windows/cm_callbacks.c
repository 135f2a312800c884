#include "windows/cm_callbacks.h"

#include <stddef.h>

/* Tried in this order (cm_callbacks.h says why the vector comes first). */
static const struct {
    enum cm_callback_form form;
    const char *symbol;
} forms[] = {
    { CM_FORM_VECTOR, "CmpCallBackVector" },
    { CM_FORM_LIST, "CallbackListHead" },
};

enum cm_callback_form cm_callback_form(const struct isf *isf, const char **symbol)
{
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        const struct isf_symbol *s = isf ? isf_symbol(isf, forms[i].symbol) : NULL;
        if (s && s->has_address) {
            if (symbol)
                *symbol = forms[i].symbol;
            return forms[i].form;
        }
    }
    if (symbol)
        *symbol = NULL;
    return CM_FORM_NONE;
}
