#include "tags.h"

#include <string.h>

static const struct {
    const char *name;
    unsigned flags;
} TAGS[TAG_COUNT] = {
    [TAG_OTHER] = {"", 0},
    [TAG_A] = {"a", 0},
    [TAG_ABBR] = {"abbr", 0},
    [TAG_ADDRESS] = {"address", TF_BLOCK},
    [TAG_ARTICLE] = {"article", TF_BLOCK},
    [TAG_ASIDE] = {"aside", TF_BLOCK},
    [TAG_AUDIO] = {"audio", TF_SKIP},
    [TAG_B] = {"b", 0},
    [TAG_BLOCKQUOTE] = {"blockquote", TF_BLOCK},
    [TAG_BODY] = {"body", TF_BLOCK},
    [TAG_BR] = {"br", TF_VOID},
    [TAG_BUTTON] = {"button", TF_FORM},
    [TAG_CANVAS] = {"canvas", TF_SKIP},
    [TAG_CAPTION] = {"caption", TF_BLOCK},
    [TAG_CENTER] = {"center", TF_BLOCK},
    [TAG_CITE] = {"cite", 0},
    [TAG_CODE] = {"code", 0},
    [TAG_DD] = {"dd", TF_BLOCK},
    [TAG_DETAILS] = {"details", TF_BLOCK},
    [TAG_DIALOG] = {"dialog", TF_BLOCK},
    [TAG_DIV] = {"div", TF_BLOCK},
    [TAG_DL] = {"dl", TF_BLOCK | TF_LIST},
    [TAG_DT] = {"dt", TF_BLOCK},
    [TAG_EM] = {"em", 0},
    [TAG_EMBED] = {"embed", TF_VOID},
    [TAG_FIELDSET] = {"fieldset", TF_BLOCK},
    [TAG_FIGCAPTION] = {"figcaption", TF_BLOCK},
    [TAG_FIGURE] = {"figure", TF_BLOCK},
    [TAG_FOOTER] = {"footer", TF_BLOCK},
    [TAG_FORM] = {"form", TF_BLOCK},
    [TAG_FRAME] = {"frame", TF_VOID},
    [TAG_FRAMESET] = {"frameset", TF_BLOCK},
    [TAG_H1] = {"h1", TF_BLOCK | TF_HEADING},
    [TAG_H2] = {"h2", TF_BLOCK | TF_HEADING},
    [TAG_H3] = {"h3", TF_BLOCK | TF_HEADING},
    [TAG_H4] = {"h4", TF_BLOCK | TF_HEADING},
    [TAG_H5] = {"h5", TF_BLOCK | TF_HEADING},
    [TAG_H6] = {"h6", TF_BLOCK | TF_HEADING},
    [TAG_HEAD] = {"head", TF_SKIP},
    [TAG_HEADER] = {"header", TF_BLOCK},
    [TAG_HGROUP] = {"hgroup", TF_BLOCK},
    [TAG_HR] = {"hr", TF_BLOCK | TF_VOID},
    [TAG_HTML] = {"html", TF_BLOCK},
    [TAG_I] = {"i", 0},
    [TAG_IFRAME] = {"iframe", TF_SKIP},
    [TAG_IMG] = {"img", TF_VOID},
    [TAG_INPUT] = {"input", TF_VOID | TF_FORM},
    [TAG_LABEL] = {"label", TF_FORM},
    [TAG_LEGEND] = {"legend", TF_BLOCK},
    [TAG_LI] = {"li", TF_BLOCK},
    [TAG_LINK] = {"link", TF_VOID},
    [TAG_MAIN] = {"main", TF_BLOCK},
    [TAG_MENU] = {"menu", TF_BLOCK | TF_LIST},
    [TAG_META] = {"meta", TF_VOID},
    [TAG_NAV] = {"nav", TF_BLOCK},
    [TAG_NOSCRIPT] = {"noscript", TF_BLOCK},
    [TAG_OBJECT] = {"object", TF_SKIP},
    [TAG_OL] = {"ol", TF_BLOCK | TF_LIST},
    [TAG_OPTION] = {"option", TF_BLOCK | TF_FORM},
    [TAG_P] = {"p", TF_BLOCK},
    [TAG_PICTURE] = {"picture", 0},
    [TAG_PRE] = {"pre", TF_BLOCK},
    [TAG_Q] = {"q", 0},
    /* ruby annotations (furigana): readings printed above the text, not the text */
    [TAG_RP] = {"rp", TF_SKIP},
    [TAG_RT] = {"rt", TF_SKIP},
    [TAG_SCRIPT] = {"script", TF_SKIP},
    [TAG_SECTION] = {"section", TF_BLOCK},
    [TAG_SELECT] = {"select", TF_BLOCK | TF_FORM},
    [TAG_SMALL] = {"small", 0},
    [TAG_SOURCE] = {"source", TF_VOID},
    [TAG_SPAN] = {"span", 0},
    [TAG_STRONG] = {"strong", 0},
    [TAG_STYLE] = {"style", TF_SKIP},
    [TAG_SUMMARY] = {"summary", TF_BLOCK},
    [TAG_SUP] = {"sup", 0},
    [TAG_SVG] = {"svg", TF_SKIP},
    [TAG_TABLE] = {"table", TF_BLOCK},
    [TAG_TBODY] = {"tbody", TF_BLOCK},
    [TAG_TD] = {"td", TF_BLOCK | TF_CELL},
    [TAG_TEMPLATE] = {"template", TF_SKIP},
    [TAG_TEXTAREA] = {"textarea", TF_SKIP | TF_FORM},
    [TAG_TFOOT] = {"tfoot", TF_BLOCK},
    [TAG_TH] = {"th", TF_BLOCK | TF_CELL},
    [TAG_THEAD] = {"thead", TF_BLOCK},
    [TAG_TIME] = {"time", 0},
    [TAG_TITLE] = {"title", TF_SKIP},
    [TAG_TR] = {"tr", TF_BLOCK},
    [TAG_U] = {"u", 0},
    [TAG_UL] = {"ul", TF_BLOCK | TF_LIST},
    [TAG_VIDEO] = {"video", TF_SKIP},
};

/* Names are short; a switch on the first letter then a scan of that letter's tags
 * keeps this a handful of comparisons without a generated hash. */
int tag_lookup(const char *name)
{
    if (!name || !name[0])
        return TAG_OTHER;
    static const unsigned char first[26][2] = {
        /* a */ {TAG_A, TAG_AUDIO},         /* b */ {TAG_B, TAG_BUTTON},
        /* c */ {TAG_CANVAS, TAG_CODE},     /* d */ {TAG_DD, TAG_DT},
        /* e */ {TAG_EM, TAG_EMBED},        /* f */ {TAG_FIELDSET, TAG_FRAMESET},
        /* g */ {0, 0},                     /* h */ {TAG_H1, TAG_HTML},
        /* i */ {TAG_I, TAG_INPUT},         /* j */ {0, 0},
        /* k */ {0, 0},                     /* l */ {TAG_LABEL, TAG_LINK},
        /* m */ {TAG_MAIN, TAG_META},       /* n */ {TAG_NAV, TAG_NOSCRIPT},
        /* o */ {TAG_OBJECT, TAG_OPTION},   /* p */ {TAG_P, TAG_PRE},
        /* q */ {TAG_Q, TAG_Q},             /* r */ {TAG_RP, TAG_RT},
        /* s */ {TAG_SCRIPT, TAG_SVG},      /* t */ {TAG_TABLE, TAG_TR},
        /* u */ {TAG_U, TAG_UL},            /* v */ {TAG_VIDEO, TAG_VIDEO},
        /* w */ {0, 0},                     /* x */ {0, 0},
        /* y */ {0, 0},                     /* z */ {0, 0},
    };
    unsigned c = (unsigned char)name[0];
    if (c < 'a' || c > 'z')
        return TAG_OTHER;
    int lo = first[c - 'a'][0], hi = first[c - 'a'][1];
    if (lo == 0)
        return TAG_OTHER;
    for (int t = lo; t <= hi; t++)
        if (strcmp(TAGS[t].name, name) == 0)
            return t;
    return TAG_OTHER;
}

const char *tag_name(int tag)
{
    return (tag >= 0 && tag < TAG_COUNT) ? TAGS[tag].name : "";
}

unsigned tag_flags(int tag)
{
    return (tag >= 0 && tag < TAG_COUNT) ? TAGS[tag].flags : 0;
}
