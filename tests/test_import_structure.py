"""The import rules of docs/architecture.md ("Imports"), checked on the source itself.

Every module of the apps (migrations and tests left out) is parsed, not imported. From the
imports that run when a module is loaded (module level, not under `if TYPE_CHECKING:`) the
test builds the module graph and fails on any cycle, naming it. Importing `a.b.c` runs the
packages `a` and `a.b` first, so such an import is an edge to those `__init__` modules too
(unless they are the importer's own packages, which are loading already): that is how
`buddies.selectors.proposals` imported `buddies.services` half-initialised. The same graph
with the imports inside functions (outside the apps' `ready()`) must have no cycle either: an
import moved into a function hides a cycle, it does not remove it.

Every import is also held to the rules between modules: no `_private` module or name of
another app; into `participants` only through its public modules (`PARTICIPANTS_PUBLIC`);
no selectors module importing a services module.

Finally every selectors, services, reminders and task module is imported first, in a process
of its own, right after the models are loaded (no app's `ready()` has run): each imports on its
own, whatever was loaded before it.
"""

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
# The project's own apps: those of INSTALLED_APPS that are folders here (one list, settings').
APPS = tuple(app for app in settings.INSTALLED_APPS if (ROOT / app / "__init__.py").is_file())
# What other apps may import from participants: its models (foreign keys, types, choices),
# its reads and writes, and the rights extension points (`register_rights_section`,
# `register_erasure_step`), each with the modules inside them.
PARTICIPANTS_PUBLIC = (
    "participants.models",
    "participants.selectors",
    "participants.services",
    "participants.rights.export",
    "participants.rights.erasure",
)


@dataclass(frozen=True)
class Import:
    importer: str
    line: int
    target: str  # the module imported, or the module a name is imported from
    names: tuple[str, ...]  # the names of `from target import ...`, else ()
    at_load: bool  # runs when the importer is loaded (module level, not TYPE_CHECKING)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_files() -> dict[str, Path]:
    files = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if not {"migrations", "tests"} & set(path.relative_to(ROOT).parts):
                files[module_name(path)] = path
    return files


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST, at_load: bool):
    """Yield (import node, runs at load) for every import under `node`."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, at_load
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield from _walk(child, False)
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for statement in child.body:
                yield from _walk(ast.Module(body=[statement], type_ignores=[]), False)
            for statement in child.orelse:
                yield from _walk(ast.Module(body=[statement], type_ignores=[]), at_load)
        else:
            yield from _walk(child, at_load)


def imports_of(name: str, path: Path) -> list[Import]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node, at_load in _walk(ast.parse(path.read_text(), str(path)), True):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(name, node.lineno, alias.name, (), at_load))
            continue
        target = node.module or ""
        if node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            target = ".".join([*base, target] if target else base)
        names = tuple(alias.name for alias in node.names)
        found.append(Import(name, node.lineno, target, names, at_load))
    return found


def _packages_of(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]


def modules_loaded(imp: Import, modules: set[str]) -> set[str]:
    """The project's modules that `imp` runs: the target, any submodules named in `from
    target import ...`, and their packages except the importer's own (loading already)."""
    loaded = {imp.target} | {f"{imp.target}.{name}" for name in imp.names}
    for module in list(loaded):
        loaded.update(_packages_of(module))
    own = {imp.importer, *_packages_of(imp.importer)}
    return (loaded & modules) - own


def all_imports() -> list[Import]:
    return [imp for name, path in project_files().items() for imp in imports_of(name, path)]


def import_graph(imports: list[Import], *, at_load_only: bool = True) -> dict[str, set[str]]:
    """Module -> the project's modules its imports run (only those run at load, or all)."""
    modules = set(project_files())
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for imp in imports:
        if imp.at_load or not at_load_only:
            graph[imp.importer].update(modules_loaded(imp, modules))
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One shortest cycle through each strongly connected group of modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph[node]):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph[node]:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_shortest_cycle(graph, group) for group in groups]


def _shortest_cycle(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    start = min(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for successor in sorted(graph[node] & group):
                if successor == start:
                    return [*paths[node], start]
                if successor not in paths:
                    paths[successor] = [*paths[node], successor]
                    following.append(successor)
        frontier = following
    raise AssertionError("a strongly connected group has a cycle")


def _app(module: str) -> str:
    return module.partition(".")[0]


def _within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _named_modules(imp: Import, modules: set[str]) -> list[str]:
    """The modules an import names: `from participants import selectors` names
    `participants.selectors`, `from participants.selectors import caseload` names
    `participants.selectors`."""
    submodules = [f"{imp.target}.{name}" for name in imp.names if f"{imp.target}.{name}" in modules]
    return submodules if submodules and len(submodules) == len(imp.names) else [imp.target]


def _where(imp: Import) -> str:
    names = f" ({', '.join(imp.names)})" if imp.names else ""
    return f"{imp.importer}:{imp.line} imports {imp.target}{names}"


def private_imports(imports: list[Import]) -> list[str]:
    """Imports of another app's `_private` module or name."""
    return [
        _where(imp)
        for imp in imports
        if _app(imp.target) in APPS
        and _app(imp.target) != _app(imp.importer)
        and (
            any(_is_private(part) for part in imp.target.split("."))
            or any(_is_private(name) for name in imp.names)
        )
    ]


def participants_internals(imports: list[Import], modules: set[str]) -> list[str]:
    """Imports into participants, from another app, of a module that is not public."""
    return [
        _where(imp)
        for imp in imports
        if _app(imp.target) == "participants"
        and _app(imp.importer) != "participants"
        and not all(_within(name, PARTICIPANTS_PUBLIC) for name in _named_modules(imp, modules))
    ]


def selectors_importing_services(imports: list[Import], modules: set[str]) -> list[str]:
    """Reads never depend on writes: services may import selectors, not the other way."""
    return [
        _where(imp)
        for imp in imports
        if "selectors" in imp.importer.split(".")
        and any(
            "services" in module.split(".")
            for module in [*_named_modules(imp, modules), *modules_loaded(imp, modules)]
        )
    ]


def test_no_import_cycles():
    found = cycles(import_graph(all_imports()))
    assert not found, "Import cycles (module-level imports):\n" + "\n".join(
        " -> ".join(cycle) for cycle in found
    )


def test_no_import_inside_a_function_hides_a_cycle():
    """An import moved into a function only postpones a cycle; the apps' `ready()` (apps.py),
    which runs once every module can load, is where deferred imports belong."""
    imports = [imp for imp in all_imports() if not imp.importer.endswith(".apps")]
    found = cycles(import_graph(imports, at_load_only=False))
    assert not found, "Cycles through imports inside functions:\n" + "\n".join(
        " -> ".join(cycle) for cycle in found
    )


def test_no_private_names_of_another_app():
    imports = all_imports()
    found = private_imports(imports)
    assert not found, "Private names imported across apps:\n" + "\n".join(found)


def test_other_apps_use_only_the_public_modules_of_participants():
    imports = all_imports()
    found = participants_internals(imports, set(project_files()))
    allowed = ", ".join(PARTICIPANTS_PUBLIC)
    assert not found, f"Into participants other than through {allowed}:\n" + "\n".join(found)


def test_no_selectors_module_imports_a_services_module():
    imports = all_imports()
    found = selectors_importing_services(imports, set(project_files()))
    assert not found, "Selectors importing services:\n" + "\n".join(found)


def test_the_checks_see_what_they_are_for():
    graph = {"a.x": {"a.y"}, "a.y": {"a.z"}, "a.z": {"a.x"}, "a.w": {"a.x"}}
    assert cycles(graph) == [["a.x", "a.y", "a.z", "a.x"]]
    modules = {"buddies.services", "buddies.services.common", "buddies.selectors"}
    modules |= {"participants.selectors", "participants.forms", "participants.api.base"}
    old = Import("buddies.selectors.matching", 23, "buddies.services.common", ("weights_of",), True)
    # Importing a module runs its package first: the edge that made the old cycle.
    assert modules_loaded(old, modules) == {"buddies.services", "buddies.services.common"}
    assert selectors_importing_services([old], modules)
    private = Import("findings.services", 1, "workmodels.services", ("_audit",), False)
    assert private_imports([private]) and not private_imports([old])
    assert participants_internals(
        [
            Import("groups.forms", 8, "participants.forms", ("DateInput",), True),
            Import("groups.api.views", 24, "participants", ("api",), True),
        ],
        modules,
    ) == [
        "groups.forms:8 imports participants.forms (DateInput)",
        "groups.api.views:24 imports participants (api)",
    ]
    public = Import("findings.views", 1, "participants", ("selectors",), True)
    assert not participants_internals([public], modules)


# The layers other modules import, and the modules that took part in cycles before.
FIRST_IMPORTS = sorted(
    name
    for name in project_files()
    if {"selectors", "services", "reminders", "dispatch", "tasks"} & set(name.split("."))
)

# Load the settings and the models of every app, leaving each app's ready() undone (it imports
# views, admin modules, rules), then import each module named on the command line first, in a
# copy of this interpreter of its own (a fork: one Django start-up for all of them).
IMPORT_FIRST = """
import importlib, os, sys, traceback
import django
from django.apps import AppConfig

create = AppConfig.create.__func__

def create_without_ready(cls, entry):
    config = create(cls, entry)
    config.ready = lambda: None
    return config

AppConfig.create = classmethod(create_without_ready)
django.setup()
failed = []
for name in sys.argv[1:]:
    pid = os.fork()
    if pid == 0:
        try:
            importlib.import_module(name)
        except BaseException:
            traceback.print_exc()
            sys.stderr.flush()
            os._exit(1)
        os._exit(0)
    if os.waitpid(pid, 0)[1] != 0:
        failed.append(name)
print(" ".join(failed))
"""


def test_every_selectors_services_and_tasks_module_imports_on_its_own():
    """`import buddies.selectors.proposals` used to fail unless `buddies.services` was loaded
    first; the test suite (and the running site) never noticed, having loaded it already."""
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_FIRST, *FIRST_IMPORTS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "buddies.selectors.proposals" in FIRST_IMPORTS
    failed = result.stdout.split()
    assert not failed, f"Do not import on their own: {failed}\n{result.stderr}"
