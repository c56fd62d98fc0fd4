"""Frame schemes: named frames, each with a definition and a list of cue words.

A scheme is a YAML file (``toolkit/data/frames/<name>.yaml`` for the shipped
ones, any path for a user's own) read with the safe loader only::

    name: my-scheme
    version: "1.0"
    frames:
      conflict:
        label: Conflict
        code: CO            # optional: the label's column in an annotated data set
        definition: ...
        cues: [disagree*, clash*, two sides]

Cue syntax: a cue is one or more words separated by single spaces, matched
case-insensitively on whole words; a trailing ``*`` matches any word that
starts with the stem (``negotiat*``). A frame with ``residual: true`` takes no
cues and is evoked by a sentence that evokes no other frame ("other").

A frame without cues, a cue listed twice (in one frame or in two), a cue that
is not a string and a malformed or unsafe YAML file are refused with a
:class:`toolkit.errors.InputError` naming the file and line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from toolkit.errors import InputError

__all__ = ["Frame", "FrameScheme", "load_scheme", "parse_scheme", "SHIPPED_SCHEMES"]

#: Schemes that ship with the toolkit (``toolkit/data/frames/<name>.yaml``).
SHIPPED_SCHEMES = ("generic", "mfc")

_CUE = re.compile(r"^[^\s*]+(?: [^\s*]+)*\*?$")


@dataclass(frozen=True)
class Frame:
    """One frame of a scheme.

    Attributes
    ----------
    name : str
        Key of the frame (``"conflict"``).
    label : str
        Human-readable name.
    code : str
        Column of the frame in an annotated data set ("CO"), or "".
    definition : str
        What the frame means, from the published codebook.
    cues : tuple of str
        Cue words and phrases (lower case; trailing ``*`` for a stem).
    residual : bool
        True for an "other" frame evoked when no other frame is.
    """

    name: str
    label: str
    code: str = ""
    definition: str = ""
    cues: tuple[str, ...] = ()
    residual: bool = False


@dataclass(frozen=True)
class FrameScheme:
    """A named set of frames, with its version and where it came from.

    Examples
    --------
    >>> scheme = load_scheme("generic")
    >>> scheme.frame_names()
    ('resolution', 'human_interest', 'conflict', 'morality', 'economic')
    >>> scheme.frames[2].code
    'CO'
    """

    name: str
    version: str
    frames: tuple[Frame, ...]
    description: str = ""
    references: tuple[str, ...] = ()
    source: str = ""

    def frame_names(self) -> tuple[str, ...]:
        """Frame keys, in the order of the file."""
        return tuple(f.name for f in self.frames)

    def frame(self, name: str) -> Frame:
        """The frame called ``name`` (InputError when there is none)."""
        for f in self.frames:
            if f.name == name:
                return f
        raise InputError(f"scheme {self.name!r} has no frame {name!r}; frames: {', '.join(self.frame_names())}")


def _line_of(text: str, needle: str, occurrence: int = 1) -> int | None:
    """1-based line of the ``occurrence``-th appearance of ``needle`` in ``text``."""
    pos = -1
    for _ in range(occurrence):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return None
    return text.count("\n", 0, pos) + 1


def _normalise_cue(cue: str) -> str:
    return " ".join(cue.casefold().split())


def parse_scheme(text: str, *, source: str | os.PathLike[str] = "<scheme>") -> FrameScheme:
    """Build a :class:`FrameScheme` from YAML text (safe loading only).

    Parameters
    ----------
    text : str
        The YAML document.
    source : str or path, default="<scheme>"
        Name used in error messages.

    Returns
    -------
    FrameScheme

    Raises
    ------
    toolkit.errors.InputError
        Malformed or unsafe YAML, no frames, a frame without cues, a duplicated
        cue, or a cue with bad syntax.

    Examples
    --------
    >>> s = parse_scheme("name: t\\nframes:\\n  a: {cues: [war, peace talk*]}")
    >>> s.frames[0].cues
    ('war', 'peace talk*')
    >>> parse_scheme("name: t\\nframes:\\n  a: {cues: []}", source="t.yaml")
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: t.yaml:3: frame 'a' has no cues
    """
    from toolkit.resources import safe_yaml

    data = safe_yaml(text, source=source)
    if not isinstance(data, dict):
        raise InputError("a frame scheme must be a mapping with 'name' and 'frames'", path=source, line=1)
    frames_data = data.get("frames")
    if not isinstance(frames_data, dict) or not frames_data:
        raise InputError("the scheme has no 'frames' mapping (frame name -> cues)", path=source,
                         line=_line_of(text, "frames"))
    seen: dict[str, str] = {}
    frames = []
    for fname, spec in frames_data.items():
        fname = str(fname)
        fline = _line_of(text, f"{fname}:")
        if spec is None:
            spec = {}
        if not isinstance(spec, dict):
            raise InputError(f"frame {fname!r} must be a mapping with 'cues'", path=source, line=fline)
        cues_raw = spec.get("cues") or []
        residual = bool(spec.get("residual", False))
        if not isinstance(cues_raw, list):
            raise InputError(f"frame {fname!r}: 'cues' must be a list", path=source, line=fline)
        if residual and cues_raw:
            raise InputError(f"frame {fname!r} is residual and must not list cues", path=source, line=fline)
        if not residual and not cues_raw:
            raise InputError(f"frame {fname!r} has no cues", path=source, line=fline)
        cues = []
        for cue in cues_raw:
            if not isinstance(cue, str) or not _CUE.match(_normalise_cue(cue)):
                raise InputError(f"frame {fname!r}: bad cue {cue!r} (words separated by spaces, "
                                 "optional trailing '*')", path=source, line=_line_of(text, str(cue)))
            norm = _normalise_cue(cue)
            if norm in seen:
                where = "twice in this frame" if seen[norm] == fname else f"also in frame {seen[norm]!r}"
                raise InputError(f"frame {fname!r}: duplicated cue {cue!r} ({where})", path=source,
                                 line=_line_of(text, cue, 2) or _line_of(text, cue))
            seen[norm] = fname
            cues.append(norm)
        frames.append(Frame(fname, str(spec.get("label") or fname.replace("_", " ").capitalize()),
                            str(spec.get("code") or ""), " ".join(str(spec.get("definition") or "").split()),
                            tuple(cues), residual))
    refs = data.get("references") or ()
    return FrameScheme(str(data.get("name") or Path(str(source)).stem), str(data.get("version") or ""),
                       tuple(frames), " ".join(str(data.get("description") or "").split()),
                       tuple(str(r) for r in refs), str(source))


@lru_cache(maxsize=16)
def _load_shipped(name: str) -> FrameScheme:
    from toolkit.resources import data_path, read_data_text

    rel = f"frames/{name}.yaml"
    return parse_scheme(read_data_text(rel), source=str(data_path(rel)))


def load_scheme(scheme: str | os.PathLike[str] | FrameScheme = "generic") -> FrameScheme:
    """Load a shipped scheme by name, or a user's scheme from a YAML file.

    Parameters
    ----------
    scheme : str, path or FrameScheme, default="generic"
        ``"generic"`` (Semetko & Valkenburg 2000), ``"mfc"`` (Card et al.
        2015), a path to a YAML file, or an already loaded scheme.

    Returns
    -------
    FrameScheme

    References
    ----------
    Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics: A
    content analysis of press and television news. Journal of Communication
    50(2), 93-109.

    Card, D., Boydstun, A. E., Gross, J. H., Resnik, P. & Smith, N. A. (2015).
    The Media Frames Corpus: Annotations of frames across issues. ACL 2015.

    Examples
    --------
    >>> len(load_scheme("mfc").frames)
    15
    """
    if isinstance(scheme, FrameScheme):
        return scheme
    if isinstance(scheme, str) and scheme in SHIPPED_SCHEMES:
        return _load_shipped(scheme)
    path = Path(scheme)
    if not path.is_file():
        raise InputError(f"no frame scheme {str(scheme)!r}: not a shipped scheme "
                         f"({', '.join(SHIPPED_SCHEMES)}) and not a file")
    from toolkit.corpus import read_text_file

    return parse_scheme(read_text_file(path), source=path)
