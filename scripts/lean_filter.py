"""Filter the WebAssembly Lean's output: drop its `[DEBUG:...]` lines and its echo of the
first 200 bytes of the input file, pass everything else (Lean's messages) through."""
import re
import sys

DEBUG = "[DEBUG:"
CHECKING = "[DEBUG:F] Checking if input file exists: "
ECHO = "[DEBUG:F] Input file content (first 200 chars): "
# Some debug messages continue on indented lines ("  - <path>", "  mainModule? = true").
DEBUG_CONTINUATION = re.compile(r"^  (- /|[A-Za-z]+\?? = )")


def echo_lines(path: str) -> list[str]:
    """Lines the build prints after the echo header, for the given input file."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            head = f.read(200)  # characters, as the build counts them
    except OSError:
        return []
    return (head + "\n").split("\n")[1:]


def main() -> None:
    input_path = None
    pending: list[str] = []  # echo lines still expected
    in_debug = False  # the previous line was dropped debug output
    for line in sys.stdin:
        text = line.rstrip("\n")
        if pending and text == pending[0]:
            pending.pop(0)
            continue
        pending = []
        if in_debug and DEBUG_CONTINUATION.match(text):
            continue
        in_debug = text.startswith(DEBUG)
        if text.startswith(CHECKING):
            input_path = text[len(CHECKING):]
        if text.startswith(ECHO):
            pending = echo_lines(input_path) if input_path else []
            continue
        if text.startswith(DEBUG):
            continue
        sys.stdout.write(line)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
