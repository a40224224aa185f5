"""Run a command under Python >= 3.14.2, obtaining that Python first where the machine lacks it.

Called by scripts/python314 (read its header for the user's view). In this order:

1. a `python3.14` (>= 3.14.2) on the PATH: the command simply runs;
2. `uv python install 3.14` (uv from the PATH, or installed with this Python into a small
   bootstrap venv in .python314/): bounded to a minute, and a failure is remembered in
   .python314/uv-failed so that later runs skip it (--retry or XIVO_PYTHON314_RETRY=1 try again);
3. as root on Debian: a root file system with Debian testing's python3.14 (forky, else sid),
   built once with debootstrap into XIVO_PYTHON314_ROOT (default
   /var/cache/xivo-home-assistant/python314-root) and entered with unshare --mount + chroot, the
   repository bind-mounted at the same path so that the .venv made inside works on every run.

Written for the Python that the machine has (3.11 on Debian bookworm) as well as 3.14: this is
what runs before Python 3.14 exists.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
import datetime as dt
import fcntl
import os
from pathlib import Path
import re
import shutil
import subprocess
import sys
import time

MIN_VERSION = (3, 14, 2)
REPO = Path(__file__).resolve().parent.parent
STATE = REPO / ".python314"
"""Per clone, ignored by git: uv's bootstrap venv, the uv-failed marker, the python3.14 link."""
ROOT_ENV = "XIVO_PYTHON314_ROOT"
DEFAULT_ROOT = Path("/var/cache/xivo-home-assistant/python314-root")
RETRY_ENV = "XIVO_PYTHON314_RETRY"
UV_TIMEOUT = 60.0
SUITES = ("forky", "sid")
PACKAGES = "python3.14,python3.14-venv,python3.14-dev,ca-certificates,gcc,g++,make,libc6-dev,git"
FALLBACK_MIRROR = "http://deb.debian.org/debian"
# pip settings that name package sources; a local one that is missing here is dropped.
SOURCE_KEYS = ("find-links", "extra-index-url", "index-url")
SOURCE_ENV = (
    "PIP_FIND_LINKS",
    "PIP_EXTRA_INDEX_URL",
    "PIP_INDEX_URL",
    "UV_FIND_LINKS",
    "UV_EXTRA_INDEX_URL",
    "UV_INDEX_URL",
)
NEEDED = (
    "Python >= 3.14.2 is needed and none could be found or obtained. Install one of: "
    "python3.14 (>= 3.14.2) on the PATH; uv (https://docs.astral.sh/uv/), which installs it "
    "with `uv python install 3.14`; or run this as root on Debian, where a Python 3.14 root file "
    "system is built from Debian testing's packages with debootstrap"
)


def say(message: str) -> None:
    """Tell the user what is tried, on stderr (stdout belongs to the command)."""
    print(f"python314: {message}", file=sys.stderr, flush=True)


class Unavailable(Exception):
    """A way of obtaining Python 3.14 did not work; the message says why."""


# ---------------------------------------------------------------- which Python, and how


def version_of(python: str, timeout: float = 15.0) -> tuple[int, ...] | None:
    """The (major, minor, micro) of an interpreter, or None when it does not run."""
    try:
        out = subprocess.run(
            [python, "-c", "import sys; print(*sys.version_info[:3])"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        ).stdout
        return tuple(int(part) for part in out.split())
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def good(python: str | None) -> bool:
    """Is this a Python 3.14 that Home Assistant accepts (>= 3.14.2, < 3.15)?"""
    if not python:
        return False
    version = version_of(python)
    return version is not None and MIN_VERSION <= version < (3, 15)


def on_path(path: str) -> str | None:
    """A good `python3.14` on this PATH."""
    found = shutil.which("python3.14", path=path)
    return found if good(found) else None


def uv_marker(state: Path) -> Path:
    """The file that remembers that uv could not install Python 3.14 on this machine."""
    return state / "uv-failed"


def uv_link(state: Path) -> Path:
    """python3.14 as uv installed it, linked where the PATH of later runs finds it."""
    return state / "bin" / "python3.14"


def find_uv(state: Path, path: str, python: str, deadline: tuple[float, float]) -> str:
    """Uv from the PATH, else installed with `python` into a bootstrap venv in `state`."""
    found = shutil.which("uv", path=path)
    if found:
        return found
    venv = state / "uv-venv"
    uv = venv / "bin" / "uv"
    if uv.exists():
        return str(uv)
    say(f"no uv on the PATH: installing it with {python} into {venv} (pip, a few seconds)")
    shutil.rmtree(venv, ignore_errors=True)
    run_bounded([python, "-m", "venv", str(venv)], deadline, "creating uv's venv")
    run_bounded(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "uv"],
        deadline,
        "installing uv with pip",
    )
    return str(uv)


def run_bounded(command: list[str], deadline: tuple[float, float], what: str) -> str:
    """Run a step of the uv path within what is left of its time (end, limit); its stdout."""
    end, limit = deadline
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=max(end - time.monotonic(), 0.1),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise Unavailable(f"{what} did not finish within {limit:.0f} s") from None
    except OSError as err:
        raise Unavailable(f"{what}: {err}") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        raise Unavailable(f"{what} failed: {last.strip()}")
    return done.stdout


def uv_install(state: Path, path: str, python: str, timeout: float = UV_TIMEOUT) -> str:
    """`uv python install 3.14`, bounded; the interpreter, linked as state/bin/python3.14."""
    deadline = (time.monotonic() + timeout, timeout)
    uv = find_uv(state, path, python, deadline)
    say(f"trying `{uv} python install 3.14` (a download of about 30 MB; at most {timeout:.0f} s)")
    run_bounded([uv, "python", "install", "3.14"], deadline, "uv python install 3.14")
    found = run_bounded([uv, "python", "find", "3.14"], deadline, "uv python find 3.14").strip()
    if not good(found):
        raise Unavailable(f"uv's Python 3.14 ({found or 'none'}) is older than 3.14.2")
    link = uv_link(state)
    link.parent.mkdir(parents=True, exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to(found)
    say(f"uv installed {found} (uv's own folder); linked as {link}")
    return str(link)


@dataclass(frozen=True)
class Choice:
    """How the command will run: 'path' or 'uv' (with `python`), 'root', or 'none'."""

    how: str
    python: str | None = None


def choose(
    *,
    state: Path,
    path: str,
    retry: bool,
    as_root: bool,
    debian: bool,
    host_python: str = sys.executable,
    uv_timeout: float = UV_TIMEOUT,
) -> Choice:
    """Find or obtain Python 3.14, in the order the module's docstring gives."""
    found = on_path(path)
    if found:
        return Choice("path", found)
    link = uv_link(state)
    if good(str(link)):
        return Choice("uv", str(link))
    marker = uv_marker(state)
    if marker.exists() and not retry:
        when = marker.read_text(encoding="utf-8").split(" UTC", 1)[0]
        say(
            f"not trying uv: it failed before ({when} UTC, see {marker}); "
            f"--retry or {RETRY_ENV}=1 tries again"
        )
    else:
        say("no python3.14 (>= 3.14.2) on the PATH")
        try:
            python = uv_install(state, path, host_python, uv_timeout)
        except Unavailable as err:
            say(f"uv could not provide Python 3.14: {err}")
            stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
            try:
                state.mkdir(parents=True, exist_ok=True)
                marker.write_text(f"{stamp}: {err}\n", encoding="utf-8")
            except OSError as cannot:
                say(f"cannot remember it ({cannot}): later runs try uv again")
            else:
                say(f"remembered in {marker}: later runs skip uv")
        else:
            marker.unlink(missing_ok=True)
            return Choice("uv", python)
    if as_root and debian:
        return Choice("root")
    if not debian:
        say("not Debian: no Python 3.14 root file system can be built here")
    elif not as_root:
        say("building a Python 3.14 root file system needs root (debootstrap, chroot)")
    return Choice("none")


# ---------------------------------------------------------------- the Debian root file system


def mirror_from_sources(files: list[Path]) -> str | None:
    """The Debian mirror that this host's apt uses (deb822 .sources or one-line .list files)."""
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError:
            continue
        entries = _deb822(text) if file.suffix == ".sources" else _one_line(text)
        for types, uri, suites in entries:
            if "deb" in types and _is_debian_archive(uri, suites):
                return uri.rstrip("/")
    return None


Entry = tuple[list[str], str, list[str]]  # types, URI, suites


def _deb822(text: str) -> list[Entry]:
    entries: list[Entry] = []
    for stanza in re.split(r"\n\s*\n", text):
        fields: dict[str, str] = {}
        for line in stanza.splitlines():
            if line.startswith("#") or ":" not in line or line[:1].isspace():
                continue
            key, _, value = line.partition(":")
            fields[key.strip().lower()] = value.strip()
        if fields.get("enabled", "yes").lower() == "no":
            continue
        entries.extend(
            (fields.get("types", "").split(), uri, fields.get("suites", "").split())
            for uri in fields.get("uris", "").split()
        )
    return entries


def _one_line(text: str) -> list[Entry]:
    entries: list[Entry] = []
    for raw in text.splitlines():
        line = re.sub(r"\[[^]]*\]", " ", raw.split("#", 1)[0])  # no comments, no [options]
        words = line.split()
        if len(words) >= 3:
            entries.append(([words[0]], words[1], [words[2]]))
    return entries


def _is_debian_archive(uri: str, suites: list[str]) -> bool:
    """Debian's main archive: a /debian folder, not the security one, nor a third party's."""
    if not uri.startswith(("http://", "https://")):
        return False
    if any(suite.endswith(("-security", "/updates")) for suite in suites):
        return False
    return "debian" in uri.split("/")[3:]


def apt_source_files(etc: Path = Path("/etc/apt")) -> list[Path]:
    """Apt's source files in the order apt reads them."""
    files = sorted((etc / "sources.list.d").glob("*.sources"))
    files += [etc / "sources.list", *sorted((etc / "sources.list.d").glob("*.list"))]
    return files


def filter_sources(value: str, exists=os.path.exists) -> tuple[str, list[str]]:
    """Keep the package sources usable inside the root, and the local folders to mount there.

    Web sources are kept. A local one (a path or file://) is kept when it exists here, and its
    folder is mounted (a local index's `.../simple` links to files beside it: its parent is);
    one that does not exist is dropped, or pip would warn about it on every install.
    """
    kept, mounts = [], []
    for source in value.split():
        if source.startswith("file://"):
            local = source.removeprefix("file://")
        elif source.startswith("/"):
            local = source
        else:
            kept.append(source)
            continue
        local = local.rstrip("/") or "/"
        if not exists(local):
            continue
        kept.append(source)
        folder = os.path.dirname(local) if os.path.basename(local) == "simple" else local
        if folder not in mounts:
            mounts.append(folder)
    return " ".join(kept), mounts


def filter_pip_conf(text: str, exists=os.path.exists) -> tuple[str, list[str]]:
    """A pip.conf with its missing local sources dropped, and the local folders it needs."""
    out: list[str] = []
    mounts: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        key, sep, value = line.partition("=")
        name = key.strip().replace("_", "-")
        if not sep or line[:1].isspace() or name not in SOURCE_KEYS:
            out.append(line)
            continue
        while i < len(lines) and lines[i][:1].isspace() and lines[i].strip():
            value += " " + lines[i]  # an INI value continued on indented lines
            i += 1
        kept, needed = filter_sources(value, exists)
        if kept:
            out.append(f"{key.strip()} = {kept}")
        mounts += [folder for folder in needed if folder not in mounts]
    return "\n".join(out) + "\n", mounts


def default_root(env: dict[str, str]) -> Path:
    """Where the Python 3.14 root file system is kept."""
    return Path(env.get(ROOT_ENV) or DEFAULT_ROOT)


def build_root(root: Path) -> None:
    """Debootstrap a Debian testing (else unstable) root with python3.14 into `root`."""
    started = time.monotonic()
    say(
        f"building a Debian root file system with Python 3.14 in {root} (one time: about "
        f"1-2 minutes and 700 MB; kept for later runs; {ROOT_ENV}=... puts it elsewhere)"
    )
    if not shutil.which("debootstrap"):
        say("installing debootstrap (apt-get)")
        subprocess.run(["apt-get", "update", "-qq"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "debootstrap"],
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    mirror = mirror_from_sources(apt_source_files())
    if mirror is None:
        mirror = FALLBACK_MIRROR
        say(f"no Debian mirror in this host's apt sources: using {mirror}")
    partial = root.with_name(root.name + ".partial")
    log = root.with_name(root.name + ".log")
    for suite in SUITES:
        say(f"debootstrap {suite} from {mirror} (log: {log})")
        shutil.rmtree(partial, ignore_errors=True)
        with log.open("w", encoding="utf-8") as out:
            done = subprocess.run(
                [
                    "debootstrap",
                    "--variant=minbase",
                    f"--include={PACKAGES}",
                    suite,
                    str(partial),
                    mirror,
                    "/usr/share/debootstrap/scripts/sid",  # knows forky before debootstrap does
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            )
        if done.returncode == 0:
            break
    else:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        raise Unavailable("debootstrap failed; the end of its log:\n" + "\n".join(tail))
    for deb in (partial / "var/cache/apt/archives").glob("*.deb"):
        deb.unlink()  # debootstrap keeps them: 150 MB of nothing
    (partial / "usr/bin/python3").unlink(missing_ok=True)
    (partial / "usr/bin/python3").symlink_to("python3.14")
    (partial / ".python314-ready").touch()
    if root.exists():
        try:
            root.rmdir()  # an empty folder made for it
        except OSError:
            raise Unavailable(f"{root} exists and is not a Python 3.14 root: remove it") from None
    partial.rename(root)
    say(f"built {root} in {time.monotonic() - started:.0f} s")


def sync_host_config(root: Path, env: dict[str, str]) -> list[str]:
    """Certificates, name resolution and pip settings follow the host's; the folders to mount."""
    for name in ("ssl/certs/ca-certificates.crt", "resolv.conf", "hosts"):
        with contextlib.suppress(OSError):
            shutil.copyfile(Path("/etc") / name, root / "etc" / name)
    mounts: list[str] = []
    for host, inside in (
        (Path("/etc/pip.conf"), root / "etc/pip.conf"),
        (Path.home() / ".config/pip/pip.conf", root / "root/.config/pip/pip.conf"),
        (Path.home() / ".pip/pip.conf", root / "root/.pip/pip.conf"),
    ):
        inside.unlink(missing_ok=True)
        if host.is_file():
            text, needed = filter_pip_conf(host.read_text(encoding="utf-8"))
            inside.parent.mkdir(parents=True, exist_ok=True)
            inside.write_text(text, encoding="utf-8")
            mounts += needed
    for name in SOURCE_ENV:
        if name in env:
            kept, needed = filter_sources(env[name])
            if kept:
                env[name] = kept
            else:
                del env[name]
            mounts += needed
    return mounts


def bind(root: Path, source: str) -> None:
    """Bind-mount `source` at the same path inside the root."""
    target = root / source.lstrip("/")
    if os.path.isfile(source):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.touch()
    else:
        target.mkdir(parents=True, exist_ok=True)
    if not os.path.ismount(target):
        subprocess.run(["mount", "--bind", source, str(target)], check=True)


def enter_root(root: Path, command: list[str]) -> None:
    """In a private mount namespace: build the root if needed, mount, chroot, run `command`."""
    env = dict(os.environ)
    root.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{root}.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time; others wait for it
        if not (root / ".python314-ready").exists():
            build_root(root)
        mounts = ["/proc", "/dev", "/dev/pts", "/dev/shm", "/sys"]
        mounts += sync_host_config(root, env)
        mounts.append(str(REPO))
        venv = REPO / ".venv"
        if venv.is_symlink():  # a .venv kept elsewhere (a git worktree sharing one)
            mounts.append(str(venv.resolve()))
        for source in dict.fromkeys(mounts):
            if os.path.exists(source) and source != "/":
                bind(root, source)
    cwd = os.getcwd()
    os.chroot(root)
    os.chdir(cwd if os.path.isdir(cwd) else str(REPO))
    env["HOME"] = "/root"
    env["PATH"] = env.get("PATH", "") + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin"
    os.execvpe(command[0], command, env)


# ---------------------------------------------------------------- entry point


def main(argv: list[str]) -> int:
    """`obtain_python.py [--retry] CMD...`, or `--enter-root ROOT CMD...` (in the namespace)."""
    if argv[:1] == ["--enter-root"]:
        try:
            enter_root(Path(argv[1]), argv[2:])
        except (Unavailable, subprocess.CalledProcessError) as err:
            say(str(err))
            return 1
        except OSError as err:
            say(f"cannot run {argv[2:3]} in the Python 3.14 root: {err}")
            return 127
    retry = os.environ.get(RETRY_ENV) == "1"
    if argv[:1] == ["--retry"]:
        retry, argv = True, argv[1:]
    if not argv:
        say("usage: scripts/python314 [--retry] CMD [ARG...]")
        return 2
    env = dict(os.environ)
    choice = choose(
        state=STATE,
        path=env.get("PATH", os.defpath),
        retry=retry,
        as_root=os.geteuid() == 0,
        debian=Path("/etc/debian_version").exists(),
    )
    if choice.how in ("path", "uv"):
        assert choice.python is not None
        env["PATH"] = f"{Path(choice.python).parent}{os.pathsep}{env.get('PATH', '')}"
        try:
            os.execvpe(argv[0], argv, env)
        except OSError as err:
            say(f"cannot run {argv[0]}: {err}")
            return 127
    if choice.how == "root":
        root = default_root(env)
        if not (root / ".python314-ready").exists():
            say(f"Python 3.14 will come from a Debian root file system in {root}")
        # unshare keeps this process (no --fork): signals sent to it reach the command.
        os.execvp(
            "unshare",
            [
                "unshare",
                "--mount",
                "--propagation",
                "private",
                sys.executable,
                __file__,
                "--enter-root",
                str(root),
                *argv,
            ],
        )
    say(NEEDED)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
