#include "utf8.h"

size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0) {
        *cp = 0;
        return 0;
    }
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        v = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        v = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        v = c & 0x07;
        min = 0x10000;
    } else {
        *cp = UC_REPLACEMENT;
        return 1;
    }
    if (n < need + 1) {
        *cp = UC_REPLACEMENT;
        return 1;
    }
    for (size_t i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = UC_REPLACEMENT;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = UC_REPLACEMENT;
        return 1;
    }
    *cp = v;
    return need + 1;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = UC_REPLACEMENT;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

int utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        if (cp == UC_REPLACEMENT && k == 1)
            return 0;
        i += k;
    }
    return 1;
}

int uc_is_space(uint32_t cp)
{
    if (cp <= 0x20)
        return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
    if (cp < 0x85)
        return 0;
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

int uc_is_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0x660 && cp <= 0x669) ||
           (cp >= 0x6F0 && cp <= 0x6F9) || (cp >= 0x966 && cp <= 0x96F) ||
           (cp >= 0xFF10 && cp <= 0xFF19);
}

int uc_is_punct(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) ||
               (cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0x7E);
    if (cp >= 0xA1 && cp <= 0xBF)
        return cp != 0xAA && cp != 0xB2 && cp != 0xB3 && cp != 0xB5 && cp != 0xB9 &&
               cp != 0xBA && cp != 0xBC && cp != 0xBD && cp != 0xBE;
    if (cp == 0xD7 || cp == 0xF7)
        return 1;
    if (cp == 0x37E || cp == 0x387 || cp == 0x55D || cp == 0x589 || cp == 0x60C ||
        cp == 0x61B || cp == 0x61F || cp == 0x6D4 || cp == 0x964 || cp == 0x965)
        return 1;
    if (cp >= 0x2010 && cp <= 0x2BFF)
        return !(cp >= 0x2070 && cp <= 0x209F) && !(cp >= 0x2100 && cp <= 0x214F);
    if (cp >= 0x3000 && cp <= 0x303F)
        return cp != 0x3005 && cp != 0x3006 && cp != 0x3007 && cp != 0x3000;
    if (cp >= 0x30FB && cp <= 0x30FB)
        return 1;
    if (cp >= 0xFE10 && cp <= 0xFE6F)
        return 1;
    if (cp >= 0xFF01 && cp <= 0xFF0F)
        return 1;
    if ((cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
        (cp >= 0xFF5B && cp <= 0xFF65))
        return 1;
    if (cp >= 0x1F000 && cp <= 0x1FAFF)
        return 1;
    return 0;
}

int uc_is_word(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               cp == '_';
    if (cp < 0xA0)
        return 0;
    if (uc_is_space(cp) || uc_is_punct(cp))
        return 0;
    /* combining marks, zero-width and format characters, private use, specials */
    if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x200B && cp <= 0x200F) || cp == 0xAD ||
        cp == 0xFEFF || (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xFFF0)
        return cp > 0xFFFF && cp < 0xE0000;
    return 1;
}

int uc_is_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    if (cp >= 0xC0 && cp <= 0xDE)
        return cp != 0xD7;
    if (cp >= 0x100 && cp <= 0x17F)
        return (cp & 1) == ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E) ? 1u : 0u);
    if (cp >= 0x391 && cp <= 0x3AB)
        return cp != 0x3A2;
    if (cp >= 0x400 && cp <= 0x42F)
        return 1;
    return 0;
}

int uc_is_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    if (cp >= 0xDF && cp <= 0xFF)
        return cp != 0xF7;
    if (cp >= 0x100 && cp <= 0x17F)
        return !uc_is_upper(cp);
    if (cp >= 0x3AC && cp <= 0x3CE)
        return 1;
    if (cp >= 0x430 && cp <= 0x45F)
        return 1;
    return 0;
}

uint32_t uc_tolower(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (!uc_is_upper(cp))
        return cp;
    if (cp >= 0xC0 && cp <= 0xDE)
        return cp + 32;
    if (cp >= 0x100 && cp <= 0x17F)
        return cp + 1;
    if (cp >= 0x391 && cp <= 0x3AB)
        return cp + 32;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    return cp;
}

/* The inverse of uc_tolower over the same letters; every pair has the same UTF-8 length,
 * so text can be upper-cased in place. ß and ÿ, whose capitals differ in length or
 * live elsewhere, stay. */
uint32_t uc_toupper(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
    if (!uc_is_lower(cp))
        return cp;
    if (cp >= 0xE0 && cp <= 0xFE)
        return cp - 32; /* 0xF7 (÷) is not lower case */
    if (cp >= 0x100 && cp <= 0x17F)
        return uc_tolower(cp - 1) == cp ? cp - 1 : cp;
    if (cp >= 0x3B1 && cp <= 0x3CB && cp != 0x3C2)
        return cp - 32;
    if (cp >= 0x430 && cp <= 0x44F)
        return cp - 32;
    if (cp >= 0x450 && cp <= 0x45F)
        return cp - 80;
    return cp;
}

int uc_is_unspaced(uint32_t cp)
{
    return (cp >= 0x0E00 && cp <= 0x0EFF) ||  /* Thai, Lao */
           (cp >= 0x1000 && cp <= 0x109F) ||  /* Myanmar */
           (cp >= 0x1780 && cp <= 0x17FF) ||  /* Khmer */
           (cp >= 0x3040 && cp <= 0x30FF) ||  /* Hiragana, Katakana */
           (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

int uc_is_terminal(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x3002 ||
           cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF0E || cp == 0x61F || cp == 0x6D4 ||
           cp == 0x964 || cp == 0x965;
}
