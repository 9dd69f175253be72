"""Hostile files and other processes (issue #12 items 5, 6, 8, 9, 11): symlinks, foreign
JSON, read-only files, per-library backups, special files, umask, cache fingerprints."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from store.errors import StoreError
from store.repository import Store
from store.settings import Settings
from tests.store.storehelp import paper, result

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}


def cli(*args: str, stdin: object = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """The paperdeck command in a subprocess (so a hang is a failure, not a stuck suite)."""
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True,
                          text=True, env=ENV, cwd=REPO, stdin=stdin, timeout=timeout)


def one_line_error(proc: subprocess.CompletedProcess, *words: str) -> None:
    """Exit 2 with exactly one stderr line holding every word, and no traceback."""
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


def _store(home: Path, *titles: str, library: Path | None = None) -> Store:
    """A store with one import of papers with these titles."""
    store = Store(home, library)
    store.apply_import(result(*(paper(t) for t in titles)), source="s", importer="test")
    return store


# -- item 5: files are never silently replaced ------------------------------------------------


def test_symlinked_library_and_annotations_are_written_through(tmp_path: Path) -> None:
    """A library and annotations living in a synced folder stay links; the targets change."""
    synced, home = tmp_path / "synced", tmp_path / "home"
    synced.mkdir()
    home.mkdir()
    _store(synced, "First")
    (synced / "annotations.json").write_bytes(b'{"schema_version": 1, "annotations": {}}')
    for name in ("library.json", "annotations.json"):
        (home / name).symlink_to(synced / name)
    store = Store(home)
    store.apply_import(result(paper("Second")), source="s2", importer="test")
    store.mark("p1", add_tags=["x"])
    for name in ("library.json", "annotations.json"):
        assert (home / name).is_symlink(), name
    assert {p.title for p in Store(synced).papers()} == {"First", "Second"}
    assert Store(synced).annotation("p1").tags == ["x"]


def test_dangling_symlinks_are_errors(tmp_path: Path) -> None:
    """A dangling library or annotations link is one clear line, not an empty library."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "library.json").symlink_to(tmp_path / "gone" / "library.json")
    one_line_error(cli("--home", str(home), "stats"), "dangling", "library.json")
    one_line_error(cli("--home", str(home), "search", "x"), "dangling")
    shared = tmp_path / "shared.json"
    shared.symlink_to(tmp_path / "nowhere.json")
    one_line_error(cli("--home", str(home), "--library", str(shared), "stats"), "dangling")
    (home / "library.json").unlink()
    _store(home, "Only")
    (home / "annotations.json").symlink_to(tmp_path / "gone.json")
    pid = Store(home).papers()[0].id
    one_line_error(cli("--home", str(home), "mark", pid, "--tag", "x"), "dangling")
    assert (home / "annotations.json").is_symlink()


def test_json_object_without_the_key_is_refused(tmp_path: Path) -> None:
    """An annotations/settings file of another shape is never taken for empty and overwritten."""
    home = tmp_path / "home"
    _store(home, "Only")
    pid = Store(home).papers()[0].id
    foreign = orjson.dumps({"_default": {str(i): {"note": "x" * 100} for i in range(1000)}})
    (home / "annotations.json").write_bytes(foreign)
    one_line_error(cli("--home", str(home), "mark", pid, "--tag", "x"), "annotations.json")
    assert (home / "annotations.json").read_bytes() == foreign
    (home / "settings.json").write_bytes(foreign)
    settings = Settings(home / "settings.json")
    assert settings.set("theme", "dark") is False
    assert settings.get("theme", "default") == "default"
    assert (home / "settings.json").read_bytes() == foreign


def test_string_schema_version_message(tmp_path: Path) -> None:
    """A string version is named as not a version, not as 'newer than this paperdeck'."""
    path = tmp_path / "annotations.json"
    path.write_bytes(b'{"schema_version": "1", "annotations": {}}')
    from store.annotations import Annotations

    with pytest.raises(StoreError) as info:
        Annotations(path).all()
    assert "not a version number" in str(info.value) and "newer" not in str(info.value)


def test_chmod_444_library_is_read_only_even_for_root(tmp_path: Path) -> None:
    """A library without write bits is refused for import (root included) and untouched."""
    lib = tmp_path / "shared.json"
    _store(tmp_path / "owner", "Shared", library=lib)
    os.chmod(lib, 0o444)
    before = lib.read_bytes()
    bib = tmp_path / "x.bib"
    bib.write_text("@article{a, title={New One}, author={A, B}, year={2024}, journal={J}}\n")
    proc = cli("--home", str(tmp_path / "home"), "--library", str(lib), "import", str(bib))
    one_line_error(proc, "read-only")
    assert lib.read_bytes() == before


# -- item 6: backups belong to their library ----------------------------------------------------


def test_backups_are_per_library(tmp_path: Path) -> None:
    """Four imports into another library keep the default library's backups; a corrupt default
    library's hint names its own backup."""
    from store.schema import backup_label, list_backups

    home = tmp_path / "home"
    store = _store(home, "A")
    store.apply_import(result(paper("B")), source="s2", importer="test")
    store.apply_import(result(paper("C")), source="s3", importer="test")
    own = list_backups(home / "backups", backup_label(home / "library.json"))
    assert len(own) == 2
    other = Store(home, tmp_path / "other.json")
    for n in range(5):
        other.apply_import(result(paper(f"O{n}")), source=f"o{n}", importer="test")
    assert list_backups(home / "backups", backup_label(home / "library.json")) == own
    (home / "library.json").write_bytes(b'{"papers": {')
    proc = cli("--home", str(home), "stats")
    one_line_error(proc, own[-1].name)
    assert "other" not in proc.stderr and backup_label(tmp_path / "other.json") not in proc.stderr


def test_leftover_backup_temps_are_removed(tmp_path: Path) -> None:
    """A temp copy left by a killed backup is removed by the next backup of that library."""
    from store.schema import backup_label

    home = tmp_path / "home"
    store = _store(home, "A")
    label = backup_label(home / "library.json")
    stale = home / "backups" / f".{label}-20240101T000000000000Z.json.tmp"
    stale.parent.mkdir(exist_ok=True)
    stale.write_bytes(b"x" * 1000)
    old_other = home / "backups" / ".library-0123abcd-20240101T000000000000Z.json.tmp"
    old_other.write_bytes(b"y")
    os.utime(old_other, (time.time() - 7200, time.time() - 7200))
    store.apply_import(result(paper("B")), source="s2", importer="test")
    assert not stale.exists() and not old_other.exists()


_FULL_DISK = """
import resource, signal, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from store.repository import Store
from tests.store.storehelp import paper, result
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = Path(sys.argv[1], "library.json").stat().st_size + 100
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
store = Store(Path(sys.argv[1]))
big = result(*(paper(f"Big {i} " + "x" * 200) for i in range(30)))
for attempt in range(5):
    try:
        store.apply_import(big, source="big", importer="test")
    except Exception as exc:
        print(type(exc).__name__, exc)
"""


def test_failed_writes_do_not_pile_up_backups(tmp_path: Path) -> None:
    """Five imports failing on a full disk (a file-size limit) leave one backup, no temps."""
    home = tmp_path / "home"
    _store(home, "A")
    before = (home / "library.json").read_bytes()
    proc = subprocess.run([sys.executable, "-c", _FULL_DISK, str(home), str(REPO)],
                          capture_output=True, text=True, env=ENV, timeout=120)
    assert proc.stdout.count("StoreError") == 5, proc.stdout + proc.stderr
    assert (home / "library.json").read_bytes() == before
    files = sorted(p.name for p in (home / "backups").iterdir())
    assert len(files) == 1 and not files[0].endswith(".tmp"), files
    assert not [p for p in home.iterdir() if p.name.endswith(".tmp")]


# -- item 8: special files ---------------------------------------------------------------------


def test_import_of_endless_inputs_stops_at_the_limit(tmp_path: Path) -> None:
    """`import /dev/zero` and `import - < /dev/zero` refuse at the size limit, quickly."""
    home = str(tmp_path / "home")
    one_line_error(cli("--home", home, "import", "/dev/zero"), "/dev/zero", "20 MB limit")
    with open("/dev/zero", "rb") as zero:
        one_line_error(cli("--home", home, "import", "-", stdin=zero), "<stdin>", "20 MB limit")
    assert not (tmp_path / "home" / "library.json").exists()


def test_size_message_matches_the_help(tmp_path: Path) -> None:
    """A file just over the limit is reported against '20 MB', as the help says."""
    big = tmp_path / "big.bib"
    with big.open("wb") as handle:
        handle.truncate(20 * 2**20 + 500_000)
    proc = cli("--home", str(tmp_path / "home"), "import", str(big))
    one_line_error(proc, "over the 20 MB limit")
    assert "21 MB limit" not in proc.stderr
    assert "default 20 MB" in cli("import", "--help").stdout


def test_special_store_files_are_refused(tmp_path: Path) -> None:
    """A FIFO library, a library linked to /dev/zero, a FIFO annotations file: one line each."""
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    home = str(tmp_path / "home")
    one_line_error(cli("--home", home, "--library", str(fifo), "stats", timeout=30), "regular")
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    one_line_error(cli("--home", home, "--library", str(zero), "stats", timeout=30), "regular")
    h2 = tmp_path / "h2"
    _store(h2, "A")
    os.mkfifo(h2 / "annotations.json")
    one_line_error(cli("--home", str(h2), "export", timeout=30), "regular")


# -- item 9: read-only home, full disk, untraversable home -------------------------------------


def _unprivileged() -> list[str]:
    """A command prefix dropping root's permission override (a user namespace) when root."""
    if os.geteuid() != 0:
        return []
    unshare = shutil.which("unshare")
    assert unshare, "running as root: unshare is needed to test permissions for real"
    return [unshare, "--user", "--map-user=1000", "--"]


_READ_ONLY_HOME = """
import sys
from pathlib import Path
from store.repository import Store
store = Store(Path(sys.argv[1]))
store.set_setting("theme", "dark")
print("setting:", store.setting("theme", "default"))
print("papers:", len(store.rows()))
"""


def test_settings_are_best_effort_on_a_read_only_home(tmp_path: Path) -> None:
    """On a read-only home a settings write is skipped, not an error; reads still work."""
    home = tmp_path / "home"
    _store(home, "A")
    os.chmod(home, 0o555)
    try:
        proc = subprocess.run([*_unprivileged(), sys.executable, "-c", _READ_ONLY_HOME,
                               str(home)], capture_output=True, text=True, env=ENV, cwd=REPO)
    finally:
        os.chmod(home, 0o755)
    assert proc.returncode == 0, proc.stderr
    assert "setting: default" in proc.stdout and "papers: 1" in proc.stdout


def test_untraversable_home_is_one_line(tmp_path: Path) -> None:
    """A home the user cannot enter gives one line, not 'internal error'."""
    home = tmp_path / "home"
    _store(home, "A")
    os.chmod(home, 0o000)
    try:
        proc = subprocess.run([*_unprivileged(), sys.executable, "-m", "tui.cli", "--home",
                               str(home), "stats"], capture_output=True, text=True, env=ENV,
                              cwd=REPO, timeout=60)
    finally:
        os.chmod(home, 0o755)
    one_line_error(proc, str(home))
    assert "internal error" not in proc.stderr


# -- item 11: umask, fingerprints ----------------------------------------------------------------


def test_new_store_files_honour_the_umask(tmp_path: Path) -> None:
    """Under umask 077 the library and the (private) annotations are 0600, not 0644."""
    code = (
        "import os, sys; os.umask(0o077); sys.path.insert(0, sys.argv[2]);"
        "from pathlib import Path; from store.repository import Store;"
        "from tests.store.storehelp import paper, result;"
        "s = Store(Path(sys.argv[1])); s.apply_import(result(paper('A')), source='s', "
        "importer='t'); s.mark('x', note='private')"
    )
    subprocess.run([sys.executable, "-c", code, str(tmp_path), str(REPO)], check=True, env=ENV)
    for name in ("library.json", "annotations.json"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600, name


def test_same_size_copy_with_old_mtime_is_noticed(tmp_path: Path) -> None:
    """Caches are not trusted after an in-place same-size rewrite that kept the mtime."""
    home = tmp_path / "home"
    _store(home, "Alpha")
    assert [r.title for r in Store(home).rows()] == ["Alpha"]
    lib = home / "library.json"
    st = lib.stat()
    data = lib.read_bytes().replace(b"Alpha", b"Gamma")
    with lib.open("r+b") as handle:  # in place: same inode, same size
        handle.write(data)
    os.utime(lib, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert [r.title for r in Store(home).rows()] == ["Gamma"]

