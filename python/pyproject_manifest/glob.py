"""Gen globs (MANIFEST-FORMAT.md §8), matched without backtracking blow-up.

PURE. The same syntax and the same error positions as ``src/manifest/glob.ts``: ``**`` as a whole
segment, ``*``, ``?``, ``[...]`` with ``!`` and ranges, and ``\\`` escapes, matched segment by
segment over code points. There is no dotfile rule, no braces, no extglobs and no negation.

Matching is O(pattern x path) in the worst case, never exponential: within a segment, the classic
two-pointer scan that remembers only the last ``*`` (every other token matches exactly one
character, so backtracking to an earlier ``*`` can never succeed where the last one failed); across
segments, a set of reachable pattern positions per path segment, so ``**`` is never re-tried.

Public API (names are stable):

- ``is_glob(dest) -> bool``: the DEST contains ``*``, ``?``, ``[`` or ``\\``.
- ``find_glob_problem(pattern) -> (index, message) | None``: why a glob is invalid; ``index`` is a
  code-point offset into ``pattern``. Does not check the path rules of §5.1.
- ``compile_gen_glob(pattern) -> Callable[[str], bool]``: a matcher over valid manifest paths; a
  DEST without glob characters matches only itself. Raises ``ValueError`` for an invalid glob.
"""

from __future__ import annotations

import re
from typing import Callable, List, Optional, Tuple, Union

__all__ = ["compile_gen_glob", "find_glob_problem", "is_glob"]

_GLOB_CHARS = re.compile(r"[*?\[\\]")

# Tokens of one compiled segment.
_STAR = 0  # ("*",): any run of characters
_ANY = 1  # ("?",): one character
_CHAR = 2  # (char,): that character
_CLASS = 3  # (negate, ((lo, hi), ...)): one character in (or not in) the ranges

_Token = Tuple[int, object]
#: A segment: "**" (globstar), a literal string, or a token list.
_Segment = Union[str, List[_Token], None]
_GLOBSTAR = None


def is_glob(dest: str) -> bool:
    """True when a gen DEST (or one segment of it) is a glob (§8)."""
    return _GLOB_CHARS.search(dest) is not None


_ESCAPE_AT_END = 'glob ends with "\\" (expected a character to escape)'


def _compile_segment(segment: str) -> Union[_Segment, Tuple[int, str]]:
    """One segment (no ``/``) -> matcher, or ``(index, message)`` with the index in the segment."""
    if segment == "**":
        return _GLOBSTAR
    if not is_glob(segment):
        return segment
    chars = segment
    n = len(chars)
    tokens: List[_Token] = []
    i = 0
    while i < n:
        c = chars[i]
        if c == "\\":
            if i + 1 >= n:
                return i, _ESCAPE_AT_END
            tokens.append((_CHAR, chars[i + 1]))
            i += 2
        elif c == "*":
            while i + 1 < n and chars[i + 1] == "*":
                i += 1
            tokens.append((_STAR, None))
            i += 1
        elif c == "?":
            tokens.append((_ANY, None))
            i += 1
        elif c == "[":
            open_at = i
            i += 1
            negate = False
            if i < n and chars[i] == "!":
                negate = True
                i += 1
            elif i < n and chars[i] == "^":
                return i, 'reserved "[^" in glob (expected "[!...]" to negate, or "[\\^...]")'
            ranges: List[Tuple[int, int]] = []
            first = True
            closed = False
            while i < n:
                m = chars[i]
                if m == "]" and not first:
                    closed = True
                    i += 1
                    break
                first = False
                if m == "[" and i + 1 < n and chars[i + 1] == ":":
                    return i, (
                        'reserved "[:" in a glob class (POSIX classes are not supported; '
                        'write "\\[" for a literal "[")'
                    )
                member_at = i
                if m == "\\":
                    if i + 1 >= n:
                        return i, _ESCAPE_AT_END
                    m = chars[i + 1]
                    i += 1
                i += 1
                # A range: "x-y", where the "-" is not the last member.
                if i < n and chars[i] == "-" and i + 1 < n and chars[i + 1] != "]":
                    end = chars[i + 1]
                    end_at = i + 1
                    if end == "\\":
                        if i + 2 >= n:
                            return i + 1, _ESCAPE_AT_END
                        end = chars[i + 2]
                        end_at = i + 2
                    if ord(end) < ord(m):
                        return member_at, f'reversed range "{m}-{end}" in glob class (expected start <= end)'
                    ranges.append((ord(m), ord(end)))
                    i = end_at + 1
                else:
                    ranges.append((ord(m), ord(m)))
            if not closed:
                return open_at, (
                    'unterminated "[" in glob (expected a closing "]", or "\\[" for a literal "[")'
                )
            tokens.append((_CLASS, (negate, tuple(ranges))))
        else:
            tokens.append((_CHAR, c))
            i += 1
    return tokens


def _compile_segments(pattern: str) -> Union[List[_Segment], Tuple[int, str]]:
    out: List[_Segment] = []
    offset = 0
    for segment in pattern.split("/"):
        compiled = _compile_segment(segment)
        if isinstance(compiled, tuple):
            return offset + compiled[0], compiled[1]
        out.append(compiled)
        offset += len(segment) + 1
    return out


def find_glob_problem(pattern: str) -> Optional[Tuple[int, str]]:
    """``(index, message)`` of why ``pattern`` is not a valid gen glob (§8), or None."""
    compiled = _compile_segments(pattern)
    return compiled if isinstance(compiled, tuple) else None


def _one(token: _Token, c: str) -> bool:
    kind, arg = token
    if kind == _CHAR:
        return arg == c
    if kind == _ANY:
        return True
    negate, ranges = arg  # type: ignore[misc]
    u = ord(c)
    inside = any(lo <= u <= hi for lo, hi in ranges)
    return inside != negate


def _match_tokens(tokens: List[_Token], text: str) -> bool:
    """Two-pointer wildcard match: O(len(tokens) x len(text)), no recursion."""
    t = 0
    s = 0
    star = -1
    star_s = 0
    nt = len(tokens)
    ns = len(text)
    while s < ns:
        if t < nt and tokens[t][0] == _STAR:
            star = t
            star_s = s
            t += 1
        elif t < nt and _one(tokens[t], text[s]):
            t += 1
            s += 1
        elif star != -1:
            # Let the last "*" take one more character and retry what follows it.
            star_s += 1
            s = star_s
            t = star + 1
        else:
            return False
    while t < nt and tokens[t][0] == _STAR:
        t += 1
    return t == nt


def _match_segment(segment: _Segment, part: str) -> bool:
    if isinstance(segment, str):
        return segment == part
    return _match_tokens(segment, part)  # type: ignore[arg-type]


def compile_gen_glob(pattern: str) -> Callable[[str], bool]:
    """A matcher for a gen DEST over valid manifest paths (§8).

    :raises ValueError: for an invalid glob (the parser reports it first, as MANIFEST_INVALID_PATH)
    """
    if not is_glob(pattern):
        return lambda path: path == pattern
    compiled = _compile_segments(pattern)
    if isinstance(compiled, tuple):
        raise ValueError(f"invalid gen glob {pattern!r} at index {compiled[0]}: {compiled[1]}")
    segments = compiled
    count = len(segments)

    def closure(states: set) -> set:
        # A globstar may match zero segments: whoever stands before it also stands after it.
        out = set(states)
        for p in sorted(states):
            q = p
            while q < count and segments[q] is _GLOBSTAR:
                q += 1
                out.add(q)
        return out

    def match(path: str) -> bool:
        states = closure({0})
        for part in path.split("/"):
            following = set()
            for p in states:
                if p >= count:
                    continue
                segment = segments[p]
                if segment is _GLOBSTAR:
                    following.add(p)  # "**" takes this segment and may take more
                elif _match_segment(segment, part):
                    following.add(p + 1)
            if not following:
                return False
            states = closure(following)
        return count in states

    return match
