/* The per-character loops of the PDFium fast path (pdf_fast.py), in C: one PDF page's characters,
 * read from PDFium in bulk and cut into the lines pdfminer.six would make.
 *
 * Python calling PDFium once per character through ctypes, and building an object per character,
 * cost about 20 ms a page; this loop costs well under one. It is a line-for-line translation of the
 * Python it replaced (kept in pdf_fast.py's history), with the same double-precision arithmetic in
 * the same order, so that a page's lines do not depend on which language read it. `group` puts the
 * lines in pdfminer's text boxes (LTLayoutContainer.group_textlines), as connected lines, where
 * pdf_fast.py once built pdfminer's objects and called it; font metrics and the checks stay in Python.
 *
 * PDFium's functions are passed in as addresses (ctypes gives them from pypdfium2's own library),
 * so nothing here links against PDFium and the build needs only a C compiler and Python's headers.
 *
 *   scan(text, textpage, (count_chars, loose_char_box, is_generated, char_box), dx, dy, eps_y, font_run, edges)
 *       -> [(text, x0, y0, x1, y1, size, bold), ...] or None when the page cannot be read for sure
 *   in_object_order(text, textpage, get_text_object, objects) -> bool (and every object drawn)
 *   group(lines, line_margin, eps_y, eps_x, eps_x_per_point) -> [box number per line] or None
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdlib.h>

typedef struct { float left, top, right, bottom; } FS_RECTF; /* fpdfview.h */
typedef int (*count_chars_fn)(void *textpage);
typedef int (*loose_box_fn)(void *textpage, int index, FS_RECTF *rect);
typedef int (*is_generated_fn)(void *textpage, int index);
typedef int (*char_box_fn)(void *textpage, int index, double *left, double *right, double *bottom, double *top);
typedef void *(*text_object_fn)(void *textpage, int index);

#define MARGIN 0.15 /* pdf_fast._MARGIN: a test within 15% of its threshold is too close to call */
#define INK_EPS 0.001 /* points: a glyph's ink this close to its loose box's side reaches it */
#define ADVANCE_EPS 0.02 /* points: how far past the loose box an advance may seem to end (float32) */

typedef struct {
    Py_UCS4 ch;
    double x0, y0, x1, y1, size;
    int bold;
} Char;

typedef struct {
    Char *chars;
    Py_ssize_t used, room;
} Chars;

static int push(Chars *all, Char c) {
    if (all->used == all->room) {
        Py_ssize_t room = all->room ? 2 * all->room : 1024;
        Char *grown = PyMem_Realloc(all->chars, room * sizeof(Char));
        if (!grown) return -1;
        all->chars = grown;
        all->room = room;
    }
    all->chars[all->used++] = c;
    return 0;
}

/* Python's min() and max() of two floats: the first argument unless the second is smaller (larger). */
static double min2(double a, double b) { return b < a ? b : a; }
static double max2(double a, double b) { return b > a ? b : a; }

/* pdf_fast._not_close: 1 when value is too close to threshold to call. */
static int too_close(double value, double threshold) {
    return threshold > 0 && fabs(value - threshold) < MARGIN * threshold;
}

/* pdfminer's test for two consecutive characters on one line (pdf_fast._same_line): 1 yes, 0 no,
 * -1 too close to call. The vertical overlap is too close within eps_y points, as in `group`: both
 * readers put a glyph's box at the baseline plus the font's descent, one font size high. The
 * horizontal distance drifts with the glyph widths, so it is too close within 15% of its threshold. */
static int same_line(const Char *a, const Char *b, double eps_y) {
    double overlap = min2(a->y1, b->y1) - max2(a->y0, b->y0);
    double need = 0.5 * min2(a->y1 - a->y0, b->y1 - b->y0);
    double distance = a->x1 < b->x0 ? b->x0 - a->x1 : (b->x1 < a->x0 ? a->x0 - b->x1 : 0.0);
    double reach = 4.0 * max2(a->x1 - a->x0, b->x1 - b->x0);
    if (fabs(overlap - need) < eps_y) return -1;
    if (overlap > need && too_close(distance, reach)) return -1;
    return overlap > need && distance < reach;
}

/* The kept lines as tuples: text (with the spaces pdfminer inserts), box, and the size and boldness
 * of a sample of its visible characters (pdf_fast._sample: the first, middle and last). */
static PyObject *lines_of(const Chars *all, const Py_ssize_t *starts, Py_ssize_t count) {
    PyObject *out = PyList_New(0);
    Py_UCS4 *buffer = PyMem_Malloc((all->used + 1) * sizeof(Py_UCS4));
    Py_ssize_t *visible = PyMem_Malloc((all->used + 1) * sizeof(Py_ssize_t));
    if (!out || !buffer || !visible) goto fail;
    for (Py_ssize_t n = 0; n < count; n++) {
        Py_ssize_t begin = starts[n], end = n + 1 < count ? starts[n + 1] : all->used, seen = 0;
        double x0 = all->chars[begin].x0, y0 = all->chars[begin].y0;
        double x1 = all->chars[begin].x1, y1 = all->chars[begin].y1;
        for (Py_ssize_t i = begin; i < end; i++) {
            const Char *c = &all->chars[i];
            buffer[i - begin] = c->ch;
            if (!Py_UNICODE_ISSPACE(c->ch)) visible[seen++] = i;
            x0 = min2(x0, c->x0); y0 = min2(y0, c->y0); x1 = max2(x1, c->x1); y1 = max2(y1, c->y1);
        }
        if (!seen) continue; /* only spaces: pdfminer keeps no such line */
        double a = all->chars[visible[0]].size, b = all->chars[visible[seen / 2]].size;
        double c = all->chars[visible[seen - 1]].size;
        double median = max2(min2(a, b), min2(max2(a, b), c)); /* sorted((a, b, c))[1] */
        PyObject *text = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, end - begin);
        PyObject *line = text ? Py_BuildValue("(NdddddO)", text, x0, y0, x1, y1, median,
                                              all->chars[visible[0]].bold ? Py_True : Py_False) : NULL;
        if (!line || PyList_Append(out, line) < 0) { Py_XDECREF(line); goto fail; }
        Py_DECREF(line);
    }
    PyMem_Free(buffer);
    PyMem_Free(visible);
    return out;
fail:
    Py_XDECREF(out);
    PyMem_Free(buffer);
    PyMem_Free(visible);
    return PyErr_Occurred() ? NULL : PyErr_NoMemory();
}

static PyObject *scan(PyObject *self, PyObject *args) {
    PyObject *text, *textpage_address, *font_run, *advance;
    PyObject *count_address, *box_address, *generated_address, *tight_address;
    double dx, dy, eps_y;
    if (!PyArg_ParseTuple(args, "UO(OOOO)dddOO", &text, &textpage_address, &count_address, &box_address,
                          &generated_address, &tight_address, &dx, &dy, &eps_y, &font_run, &advance))
        return NULL;
    void *textpage = PyLong_AsVoidPtr(textpage_address);
    count_chars_fn count_chars = (count_chars_fn)PyLong_AsVoidPtr(count_address);
    loose_box_fn loose_box = (loose_box_fn)PyLong_AsVoidPtr(box_address);
    is_generated_fn is_generated = (is_generated_fn)PyLong_AsVoidPtr(generated_address);
    char_box_fn char_box = (char_box_fn)PyLong_AsVoidPtr(tight_address);
    if (PyErr_Occurred()) return NULL;
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (length != count_chars(textpage)) Py_RETURN_NONE;

    Chars all = {NULL, 0, 0};
    Py_ssize_t *starts = PyMem_Malloc((length + 1) * sizeof(Py_ssize_t)), lines = 0;
    if (!starts) return PyErr_NoMemory();
    FS_RECTF rect = {0, 0, 0, 0};
    double last_height = -1.0, size = 0.0, shift = 0.0, touch = 0.0, narrow = 0.0, low = 0.0, right = 0.0;
    int bold = 0, have_prev = 0, unsure = 0;
    Char prev = {0};
    for (Py_ssize_t k = 0; k < length && !unsure; k++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(text, k);
        if ((ch == ' ' || ch == '\r' || ch == '\n') && is_generated(textpage, (int)k)) continue;
        loose_box(textpage, (int)k, &rect);
        double bottom = rect.bottom, left = (double)rect.left - dx, right_edge = (double)rect.right;
        /* PDFium's loose box is the box of the glyph's advance and the font's height, widened to take
         * in the glyph's ink; pdfminer's is the advance alone. Where the ink reaches a side, that side
         * may be the ink's: the left is then the glyph's origin (a "j" reaching back under the letter
         * before), the right where its advance ends (an italic f or T runs past it), or, if that
         * cannot be told for sure, the page is pdfminer's. */
        double ink_left, ink_right, ink_bottom, ink_top;
        if (!Py_UNICODE_ISSPACE(ch) && char_box(textpage, (int)k, &ink_left, &ink_right, &ink_bottom, &ink_top)
            && ink_right > ink_left
            && (ink_left <= (double)rect.left + INK_EPS || ink_right >= (double)rect.right - INK_EPS)) {
            /* pdf_fast._edges: the glyph's origin (pdfminer's left) and where its advance ends */
            PyObject *edges = PyObject_CallFunction(advance, "n", k);
            if (!edges) goto fail;
            double origin_x = 0.0, end_x = 0.0;
            int ok = edges != Py_None && PyArg_ParseTuple(edges, "dd", &origin_x, &end_x);
            Py_DECREF(edges);
            if (PyErr_Occurred()) goto fail;
            /* the advance lies inside the loose box, which is its box and the ink's together */
            if (!ok || end_x > (double)rect.right + ADVANCE_EPS) { unsure = 1; break; }
            left = origin_x - dx;
            right_edge = end_x;
        }
        if ((double)rect.top - bottom != last_height) {
            last_height = (double)rect.top - bottom;
            PyObject *run = PyObject_CallFunction(font_run, "ndd", k, bottom, (double)rect.top);
            if (!run) goto fail; /* pdf_fast._Unsure or a real error: the caller decides */
            int ok = PyArg_ParseTuple(run, "ddp", &size, &shift, &bold);
            Py_DECREF(run);
            if (!ok) goto fail;
            touch = 0.08 * size;
            narrow = 0.1 * size;
        }
        double new_low = bottom + shift - dy, new_right = right_edge - dx;
        Char item = {ch, left, new_low, new_right, new_low + size, size, bold};
        int join;
        if (have_prev && new_low == low && 0 <= left - right && left - right < touch && new_right - left > narrow) {
            join = 1; /* most characters: same baseline, touching the previous one */
        } else if (!have_prev) {
            join = 0;
        } else {
            join = same_line(&prev, &item, eps_y);
            if (join < 0) { unsure = 1; break; }
            if (join) { /* pdf_fast._word_margin: pdfminer's space between words */
                double margin = 0.1 * max2(item.x1 - item.x0, item.y1 - item.y0);
                if (too_close(item.x0 - prev.x1, margin)) { unsure = 1; break; }
                if (right < left - margin) {
                    Char space = item;
                    space.ch = ' ';
                    if (push(&all, space) < 0) goto nomemory;
                }
            }
        }
        if (!join) starts[lines++] = all.used;
        if (push(&all, item) < 0) goto nomemory;
        prev = item;
        have_prev = 1;
        low = new_low;
        right = new_right;
    }
    PyObject *out = unsure ? Py_NewRef(Py_None) : lines_of(&all, starts, lines);
    PyMem_Free(all.chars);
    PyMem_Free(starts);
    return out;
nomemory:
    PyErr_NoMemory();
fail:
    PyMem_Free(all.chars);
    PyMem_Free(starts);
    return NULL;
}

static int by_address(const void *a, const void *b) {
    uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
    return x < y ? -1 : x > y;
}

/* Whether the page's visible characters come in the order the content stream draws their text
 * objects: each character's object (FPDFText_GetTextObject) is the same as or later in `objects`
 * (the page's text objects in content order, forms expanded) than the previous character's; and
 * whether every one of those objects gave PDFium a character. PDFium leaves out a text object that
 * draws only a space (Word and the Adobe PDF Library end many lines with one), which pdfminer reads
 * as a character that widens the line, or joins two runs of text into one line: false then too. */
static PyObject *in_object_order(PyObject *self, PyObject *args) {
    PyObject *text, *textpage_address, *function_address, *objects;
    if (!PyArg_ParseTuple(args, "UOOO!", &text, &textpage_address, &function_address, &PyList_Type, &objects))
        return NULL;
    void *textpage = PyLong_AsVoidPtr(textpage_address);
    text_object_fn text_object = (text_object_fn)PyLong_AsVoidPtr(function_address);
    if (PyErr_Occurred()) return NULL;
    Py_ssize_t count = PyList_GET_SIZE(objects);
    uintptr_t *order = PyMem_Malloc((2 * count + 1) * sizeof(uintptr_t)); /* (address, position) pairs */
    if (!order) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < count; i++) {
        order[2 * i] = (uintptr_t)PyLong_AsVoidPtr(PyList_GET_ITEM(objects, i));
        order[2 * i + 1] = (uintptr_t)i;
    }
    if (PyErr_Occurred()) { PyMem_Free(order); return NULL; }
    qsort(order, count, 2 * sizeof(uintptr_t), by_address);
    char *drawn = PyMem_Calloc(count + 1, 1); /* per object, in content order: gave a character */
    if (!drawn) { PyMem_Free(order); return PyErr_NoMemory(); }
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), objects_drawn = 0;
    uintptr_t current = 0;
    int in_order = 1;
    for (Py_ssize_t k = 0; k < length && in_order; k++) {
        uintptr_t key = (uintptr_t)text_object(textpage, (int)k);
        if (!key) continue; /* a character PDFium generated */
        uintptr_t *found = bsearch(&key, order, count, 2 * sizeof(uintptr_t), by_address);
        if (found && !drawn[found[1]]) {
            drawn[found[1]] = 1;
            objects_drawn++;
        }
        if (Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(text, k))) continue;
        if (!found || found[1] < current) in_order = 0;
        else current = found[1];
    }
    PyMem_Free(order);
    PyMem_Free(drawn);
    return PyBool_FromLong(in_order && objects_drawn == count);
}

/* One line's box for `group`, and where it came in the list. */
typedef struct {
    double x0, y0, x1, y1;
    Py_ssize_t index;
} Box;

static int by_bottom(const void *a, const void *b) {
    const Box *x = a, *y = b;
    if (x->y0 != y->y0) return x->y0 < y->y0 ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static Py_ssize_t root(Py_ssize_t *parent, Py_ssize_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
}

/* 1 or 0 for a test's result, -1 when its value is within eps of the threshold. */
static int sure(int result, double distance, double eps) { return distance >= eps ? result : -1; }

/* pdfminer's find_neighbors test of `two` from `one` (LTTextLineHorizontal: close enough vertically,
 * overlapping horizontally, of similar height, aligned left, right or centre; every tolerance half of
 * one's height): 1 yes, 0 no, -1 when a test is too close to its threshold to call and the others hold. */
static int neighbour(const Box *one, const Box *two, double ratio, double eps_y, double eps_x) {
    double h1 = one->y1 - one->y0, h2 = two->y1 - two->y0, d = ratio * h1;
    double rise = min2(two->y1 - (one->y0 - d), one->y1 + d - two->y0);
    double overlap = min2(two->x1 - one->x0, one->x1 - two->x0);
    double height = fabs(h2 - h1);
    double aligned = min2(min2(fabs(two->x0 - one->x0), fabs(two->x1 - one->x1)),
                          fabs(two->x0 + two->x1 - one->x0 - one->x1) / 2);
    int tests[4] = {sure(rise > 0, fabs(rise), eps_y), sure(overlap > 0, fabs(overlap), eps_x),
                    sure(height <= d, fabs(height - d), eps_y), sure(aligned <= d, fabs(aligned - d), eps_x)};
    int result = 1;
    for (int t = 0; t < 4; t++) {
        if (tests[t] == 0) return 0;
        if (tests[t] < 0) result = -1;
    }
    return result;
}

static int by_box_then_top(const void *a, const void *b) {
    const double *x = a, *y = b; /* (box, y1) pairs */
    if (x[0] != y[0]) return x[0] < y[0] ? -1 : 1;
    return (x[1] > y[1]) - (x[1] < y[1]);
}

/* The text box of each line, numbered in order of each box's first line: pdfminer joins two lines
 * when either is the other's neighbour, and a box is every line joined to another, so boxes are the
 * connected sets. None when a neighbour test is too close to call, or when two lines of one box have
 * the same top (pdfminer's order of such lines within their box is its own). */
static PyObject *group(PyObject *self, PyObject *args) {
    PyObject *lines;
    double ratio, eps_y, eps_x, eps_x_per_point;
    if (!PyArg_ParseTuple(args, "O!dddd", &PyList_Type, &lines, &ratio, &eps_y, &eps_x, &eps_x_per_point))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(lines);
    Box *boxes = PyMem_Malloc((n + 1) * sizeof(Box));
    Py_ssize_t *parent = PyMem_Malloc((n + 1) * sizeof(Py_ssize_t));
    Py_ssize_t *number = PyMem_Malloc((n + 1) * sizeof(Py_ssize_t));
    double *tops = PyMem_Malloc((2 * n + 1) * sizeof(double));
    PyObject *out = NULL;
    int unsure = 0;
    if (!boxes || !parent || !number || !tops) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *line = PyList_GET_ITEM(lines, i);
        Box *b = &boxes[i];
        if (!PyTuple_Check(line) || PyTuple_GET_SIZE(line) < 5) {
            PyErr_SetString(PyExc_TypeError, "each line is a tuple (text, x0, y0, x1, y1, ...)");
            goto done;
        }
        b->x0 = PyFloat_AsDouble(PyTuple_GET_ITEM(line, 1));
        b->y0 = PyFloat_AsDouble(PyTuple_GET_ITEM(line, 2));
        b->x1 = PyFloat_AsDouble(PyTuple_GET_ITEM(line, 3));
        b->y1 = PyFloat_AsDouble(PyTuple_GET_ITEM(line, 4));
        b->index = i;
        parent[i] = i;
    }
    if (PyErr_Occurred()) goto done;
    qsort(boxes, n, sizeof(Box), by_bottom);
    for (Py_ssize_t i = 0; i < n && !unsure; i++) {
        const Box *a = &boxes[i];
        /* a neighbour is at most half its own height above or below, and of similar height (so at most
         * twice as tall): nothing starting higher than this is one, either way round */
        for (Py_ssize_t j = i + 1; j < n; j++) {
            const Box *b = &boxes[j];
            if (b->y0 > a->y1 + (a->y1 - a->y0) + 1) break;
            double eps = eps_x + eps_x_per_point * max2(a->x1 - a->x0, b->x1 - b->x0);
            int ab = neighbour(a, b, ratio, eps_y, eps), ba = neighbour(b, a, ratio, eps_y, eps);
            if (ab < 0 || ba < 0) { unsure = 1; break; }
            if (ab || ba) parent[root(parent, a->index)] = root(parent, b->index);
        }
    }
    if (unsure) { out = Py_NewRef(Py_None); goto done; }
    /* number the boxes by their first line (number[] is indexed by each box's root) */
    for (Py_ssize_t i = 0; i < n; i++) number[i] = -1;
    Py_ssize_t next = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t r = root(parent, i);
        if (number[r] < 0) number[r] = next++;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        tops[2 * i] = (double)number[root(parent, i)];
        tops[2 * i + 1] = PyFloat_AsDouble(PyTuple_GET_ITEM(PyList_GET_ITEM(lines, i), 4));
    }
    out = PyList_New(n);
    if (!out) goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *value = PyLong_FromSsize_t((Py_ssize_t)tops[2 * i]);
        if (!value) { Py_CLEAR(out); goto done; }
        PyList_SET_ITEM(out, i, value);
    }
    qsort(tops, n, 2 * sizeof(double), by_box_then_top);
    for (Py_ssize_t i = 1; i < n; i++) {
        if (tops[2 * i] == tops[2 * i - 2] && tops[2 * i + 1] == tops[2 * i - 1]) {
            Py_SETREF(out, Py_NewRef(Py_None));
            break;
        }
    }
done:
    PyMem_Free(boxes);
    PyMem_Free(parent);
    PyMem_Free(number);
    PyMem_Free(tops);
    return out;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS, "A page's characters cut into pdfminer's lines, or None if unsure."},
    {"in_object_order", in_object_order, METH_VARARGS, "Whether characters follow their objects' order."},
    {"group", group, METH_VARARGS, "Each line's pdfminer text box, or None if unsure."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_scan", NULL, -1, methods};

PyMODINIT_FUNC PyInit__scan(void) { return PyModule_Create(&module); }
