"""A PEP 517 build backend for the pith module, in the standard library alone.

The module is pure Python (ctypes); building it is zipping three files with their
metadata. An in-tree backend with no build requirements lets `pip install
bindings/python` work offline and on systems without setuptools, where pip's isolated
build would otherwise have to download one. Hooks: build_wheel, build_sdist,
build_editable (PEP 660) and prepare_metadata_for_build_wheel.
"""
import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "pith"
TAG = "py3-none-any"
# fixed timestamps: the same sources give the same archives
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _project():
    """The [project] table's `key = "string"` entries. pyproject.toml is ours and keeps
    to that form; tomllib is not in every Python this supports (3.8+)."""
    fields, section = {}, None
    with open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            m = re.fullmatch(r"\[([^\]]+)\]", line)
            if m:
                section = m.group(1)
            elif section == "project":
                m = re.fullmatch(r'([A-Za-z0-9_-]+)\s*=\s*"((?:[^"\\]|\\.)*)"', line)
                if m:
                    fields[m.group(1)] = m.group(2).replace('\\"', '"')
    for key in ("name", "version"):
        if key not in fields:
            raise RuntimeError("pyproject.toml: [project] has no %s" % key)
    return fields


def _metadata():
    p = _project()
    lines = ["Metadata-Version: 2.1", "Name: " + p["name"], "Version: " + p["version"]]
    if "description" in p:
        lines.append("Summary: " + p["description"])
    if "requires-python" in p:
        lines.append("Requires-Python: " + p["requires-python"])
    if "license" in p:
        lines.append("License: " + p["license"])
    body = ""
    if "readme" in p:
        lines.append("Description-Content-Type: text/markdown")
        with open(os.path.join(ROOT, p["readme"]), encoding="utf-8") as f:
            body = "\n" + f.read()
    return "\n".join(lines) + "\n" + body


def _dist_info():
    p = _project()
    return "%s-%s.dist-info" % (p["name"], p["version"])


def _wheel_name():
    p = _project()
    return "%s-%s-%s.whl" % (p["name"], p["version"], TAG)


def _sources():
    """(archive name, path) of the package's modules, sorted."""
    pkg = os.path.join(ROOT, PACKAGE)
    return [(PACKAGE + "/" + n, os.path.join(pkg, n))
            for n in sorted(os.listdir(pkg)) if n.endswith(".py")]


def _write_wheel(wheel_directory, files):
    """Writes a wheel of `files` [(name, bytes)] plus its dist-info; returns its name."""
    info = _dist_info()
    files = list(files) + [
        (info + "/METADATA", _metadata().encode("utf-8")),
        (info + "/WHEEL", ("Wheel-Version: 1.0\nGenerator: pith_build\n"
                           "Root-Is-Purelib: true\nTag: %s\n" % TAG).encode("ascii")),
    ]
    record = []
    for name, data in files:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
        record.append("%s,sha256=%s,%d" % (name, digest.decode("ascii"), len(data)))
    record.append(info + "/RECORD,,")
    files.append((info + "/RECORD", ("\n".join(record) + "\n").encode("utf-8")))
    name = _wheel_name()
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w",
                         zipfile.ZIP_DEFLATED) as z:
        for arcname, data in files:
            zi = zipfile.ZipInfo(arcname, ZIP_TIME)
            zi.external_attr = 0o644 << 16
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    return name


def _read(path):
    with open(path, "rb") as f:
        return f.read()


# ---- PEP 517 / 660 hooks ----

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    info = _dist_info()
    os.makedirs(os.path.join(metadata_directory, info), exist_ok=True)
    with open(os.path.join(metadata_directory, info, "METADATA"), "w", encoding="utf-8") as f:
        f.write(_metadata())
    return info


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, [(n, _read(p)) for n, p in _sources()])


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    # a .pth line puts this source directory on sys.path: edits take effect at once
    return _write_wheel(wheel_directory, [("pith.pth", (ROOT + "\n").encode("utf-8"))])


def build_sdist(sdist_directory, config_settings=None):
    p = _project()
    base = "%s-%s" % (p["name"], p["version"])
    members = [("pyproject.toml", os.path.join(ROOT, "pyproject.toml")),
               ("build_backend/pith_build.py", os.path.abspath(__file__))]
    if "readme" in p:
        members.append((p["readme"], os.path.join(ROOT, p["readme"])))
    members += _sources()
    name = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz", format=tarfile.PAX_FORMAT) as t:
        for arcname, data in [("PKG-INFO", _metadata().encode("utf-8"))] + \
                             [(a, _read(path)) for a, path in members]:
            ti = tarfile.TarInfo(base + "/" + arcname)
            ti.size = len(data)
            ti.mode = 0o644
            ti.mtime = 315532800  # 1980-01-01, as the wheel's
            t.addfile(ti, io.BytesIO(data))
    return name
