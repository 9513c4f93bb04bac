"""The apps import in one direction, with no circle, and their modules stay small.

Read with `ast`, never imported, so a circle is found even where Python would not trip over it.
An import inside a function counts as if it were at the top of its module, unless its line says
why it is not there (a comment on that line: the cycle it breaks, or that it must wait for the
app registry); such a deliberate import is left out of the circle check, nothing else is.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("reviews", "regional", "stakeholders", "gcm_portal")
MAX_LINES = 400
# Modules allowed past MAX_LINES, each with its reason. Keep it short.
LONG_MODULES: dict[str, str] = {}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files() -> dict[str, Path]:
    return {
        module_name(path): path
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
    }


MODULES = source_files()


def _targets(node: ast.Import | ast.ImportFrom, importer: str) -> list[str]:
    """The project modules an import statement loads (a name imported from a package counts as
    its submodule when there is one)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = importer.split(".")
            is_package = MODULES[importer].name == "__init__.py"
            anchor = package[: len(package) - node.level + (1 if is_package else 0)]
            base = ".".join([*anchor, base] if base else anchor)
        names = [
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
            for alias in node.names
        ]
    found = []
    for name in names:
        # `import a.b.c` of a non-module attribute: the longest prefix that is a module.
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name:
            found.append(name)
    return found


def _imports(module: str):
    """(target, line, in_function, commented) for every project import of `module`."""
    path = MODULES[module]
    source = path.read_text()
    lines = source.splitlines()
    found = []

    def visit(node, in_function: bool):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue  # never executed
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import | ast.ImportFrom):
                commented = "#" in lines[child.lineno - 1]
                found.extend(
                    (target, child.lineno, inside, commented)
                    for target in _targets(child, module)
                    if target != module
                )
            visit(child, inside)

    visit(ast.parse(source, filename=str(path)), False)
    return found


IMPORTS = {module: _imports(module) for module in MODULES}


def _app(module: str) -> str:
    return module.partition(".")[0]


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of the graph as a path (first module repeated at the end), or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node):
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_circle_and_only_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_no_import_circle_between_modules():
    # An uncommented import inside a function belongs at the top: it counts as one there.
    graph = {
        module: {
            target
            for target, _line, in_function, commented in found
            if not in_function or not commented
        }
        for module, found in IMPORTS.items()
    }
    assert find_cycle(graph) is None


def test_imports_inside_functions_say_why_on_their_line():
    unexplained = [
        f"{module}:{line} imports {target}"
        for module, found in IMPORTS.items()
        for target, line, in_function, commented in found
        if in_function and not commented
    ]
    assert unexplained == []


@pytest.mark.parametrize(
    ("app", "never"),
    [
        ("reviews", {"regional", "stakeholders"}),
        ("regional", {"stakeholders"}),
        ("stakeholders", {"regional"}),
    ],
)
def test_an_app_never_imports_the_apps_built_on_it_or_beside_it(app, never):
    upward = [
        f"{module}:{line} imports {target}"
        for module, found in IMPORTS.items()
        if _app(module) == app
        for target, line, _in_function, _commented in found
        if _app(target) in never
    ]
    assert upward == []


def test_the_apps_use_of_the_project_package_is_the_accounts_app_only():
    """`gcm_portal` wires the apps together; they may use its accounts app, nothing else."""
    upward = [
        f"{module}:{line} imports {target}"
        for module, found in IMPORTS.items()
        if _app(module) in {"reviews", "regional", "stakeholders"}
        for target, line, _in_function, _commented in found
        if _app(target) == "gcm_portal" and not target.startswith("gcm_portal.accounts")
    ]
    assert upward == []


def test_modules_stay_under_the_size_where_they_become_packages():
    too_long = {
        module: length
        for module, path in MODULES.items()
        if (length := len(path.read_text().splitlines())) > MAX_LINES and module not in LONG_MODULES
    }
    assert too_long == {}
