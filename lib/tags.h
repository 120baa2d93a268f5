/* The HTML elements pith treats specially, and how each one shapes blocks. */
#ifndef PITH_TAGS_H
#define PITH_TAGS_H

#include <stddef.h>
#include <stdint.h>

enum pith_tag {
    TAG_OTHER = 0, /* unknown elements behave as inline */
    TAG_A, TAG_ABBR, TAG_ADDRESS, TAG_ARTICLE, TAG_ASIDE, TAG_AUDIO, TAG_B, TAG_BLOCKQUOTE,
    TAG_BODY, TAG_BR, TAG_BUTTON, TAG_CANVAS, TAG_CAPTION, TAG_CENTER, TAG_CITE, TAG_CODE,
    TAG_DD, TAG_DETAILS, TAG_DIALOG, TAG_DIV, TAG_DL, TAG_DT, TAG_EM, TAG_EMBED, TAG_FIELDSET,
    TAG_FIGCAPTION, TAG_FIGURE, TAG_FOOTER, TAG_FORM, TAG_FRAME, TAG_FRAMESET, TAG_H1, TAG_H2,
    TAG_H3, TAG_H4, TAG_H5, TAG_H6, TAG_HEAD, TAG_HEADER, TAG_HGROUP, TAG_HR, TAG_HTML, TAG_I,
    TAG_IFRAME, TAG_IMG, TAG_INPUT, TAG_LABEL, TAG_LEGEND, TAG_LI, TAG_LINK, TAG_MAIN,
    TAG_MENU, TAG_META, TAG_NAV, TAG_NOSCRIPT, TAG_OBJECT, TAG_OL, TAG_OPTION, TAG_P,
    TAG_PICTURE, TAG_PRE, TAG_Q, TAG_RP, TAG_RT, TAG_SCRIPT, TAG_SECTION, TAG_SELECT, TAG_SMALL, TAG_SOURCE,
    TAG_SPAN, TAG_STRONG, TAG_STYLE, TAG_SUMMARY, TAG_SUP, TAG_SVG, TAG_TABLE, TAG_TBODY,
    TAG_TD, TAG_TEMPLATE, TAG_TEXTAREA, TAG_TFOOT, TAG_TH, TAG_THEAD, TAG_TIME, TAG_TITLE,
    TAG_TR, TAG_U, TAG_UL, TAG_VIDEO,
    TAG_COUNT
};

/* How an element affects the flow of text. */
#define TF_BLOCK 0x01u  /* starts and ends a block of text */
#define TF_SKIP 0x02u   /* its content is never page text (script, style, head ...) */
#define TF_VOID 0x04u   /* has no content */
#define TF_HEADING 0x08u
#define TF_LIST 0x10u   /* ul, ol, menu, dl */
#define TF_CELL 0x20u   /* td, th */
#define TF_FORM 0x40u   /* form controls whose text is UI, not prose */

/* The tag of a lower-case element name, TAG_OTHER if pith does not know it. */
int tag_lookup(const char *name);
const char *tag_name(int tag);
unsigned tag_flags(int tag);

#endif
