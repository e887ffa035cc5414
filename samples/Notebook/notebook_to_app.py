#!/usr/bin/env python3
"""Turns the C# cells of a Polyglot (.NET Interactive) notebook into a .NET 10 file-based app, so that CI can run a
notebook without the notebook kernel.

    python3 notebook_to_app.py ElrGnnQuickStart.ipynb OUT_DIR [--version 0.1.0-ci.1] [--feed ../../nuget/feed]
    cd OUT_DIR && dotnet run app.cs

What it does, cell by cell (markdown cells are skipped):
  #r "nuget: X, V"   -> #:package X@V   (--version replaces V for the ElrGnn.MLNet* packages)
  #i "nuget: path"   -> dropped; OUT_DIR/nuget.config lists --feed (default: the notebook's #i path) instead
  #!magic lines      -> dropped
  using directives   -> hoisted to the top of the file
  cells that only declare types (class / record / ...) -> moved to the end (C# wants top-level statements first)
and it prepends a small shim for the notebook's display(...) and HTML(...): tables and text are printed, PNG images
(data:image/png;base64 inside HTML) are saved as display-N.png in the working folder.
OUT_DIR also gets an empty Directory.Build.props / Directory.Packages.props, so a repository's build settings (e.g.
central package management) do not leak into the app.
"""
import argparse, json, os, re, sys

REF = re.compile(r'^\s*#r\s+"nuget:\s*([^,"\s]+)\s*(?:,\s*([^"\s]+))?\s*"\s*$')
SRC = re.compile(r'^\s*#i\s+"nuget:\s*([^"]+?)\s*"\s*$')
USING = re.compile(r'^\s*(global\s+)?using\s+(static\s+)?[\w.]+(\s*=\s*[\w.<>, ]+)?\s*;\s*$')
TYPE = re.compile(r'^\s*((public|internal|private|protected|sealed|static|abstract|partial|readonly|file)\s+)*'
                  r'(class|record|struct|interface|enum)\b')

SHIM = '''// ---- notebook shim: display(...) and HTML(...) as a console app sees them ----
static void display(object? value) => NotebookShim.Display(value);
static NotebookShim.Html HTML(string html) => new(html);
'''
SHIM_TYPES = '''
// ---- notebook shim types ----
static class NotebookShim
{
    public sealed record Html(string Content);
    private static int _images;

    public static void Display(object? value)
    {
        if (value is Html html)
        {
            var m = System.Text.RegularExpressions.Regex.Match(html.Content, "data:image/png;base64,([A-Za-z0-9+/=]+)");
            if (m.Success)
            {
                var path = System.IO.Path.GetFullPath($"display-{++_images}.png");
                System.IO.File.WriteAllBytes(path, Convert.FromBase64String(m.Groups[1].Value));
                Console.WriteLine($"[display: image {path}]");
                return;
            }
            Console.WriteLine(html.Content);
            return;
        }
        Console.WriteLine(value?.ToString() ?? "null");
    }
}
'''

def code_cells(nb):
    default = (nb.get("metadata", {}).get("polyglot_notebook", {}).get("kernelInfo", {}).get("defaultKernelName") or "csharp")
    for cell in nb["cells"]:
        if cell.get("cell_type") != "code":
            continue
        meta = cell.get("metadata", {})
        lang = (meta.get("polyglot_notebook", {}).get("kernelName") or meta.get("dotnet_interactive", {}).get("language") or default)
        if lang.lower() not in ("csharp", "c#"):
            continue
        src = cell["source"]
        yield "".join(src) if isinstance(src, list) else src

def convert(nb, version=None):
    packages, sources, usings, body, types = [], [], [], [], []
    for i, code in enumerate(code_cells(nb)):
        kept = []
        for line in code.splitlines():
            if m := REF.match(line):
                name, ver = m.group(1), m.group(2)
                if version and name.lower().startswith("elrgnn.mlnet"):
                    ver = version
                packages.append(f"#:package {name}@{ver}" if ver else f"#:package {name}")
            elif m := SRC.match(line):
                sources.append(m.group(1))
            elif line.lstrip().startswith("#!"):
                continue
            elif USING.match(line):
                usings.append(line.strip())
            else:
                kept.append(line)
        text = "\n".join(kept).strip("\n")
        if not text.strip():
            continue
        first = next((l for l in kept if l.strip() and not l.strip().startswith(("//", "[", "/*", "*"))), "")
        (types if TYPE.match(first) else body).append(f"// ---- cell {i + 1} ----\n{text}\n")
    head = list(dict.fromkeys(packages)) + ["#:property PublishAot=false", "#:property TreatWarningsAsErrors=false",
                                           "#:property NoWarn=$(NoWarn);CS1591;CS8321;IL2026;IL3050", ""]
    app = "\n".join(head) + "\n".join(dict.fromkeys(usings)) + "\n\n" + SHIM + "\n" + "\n".join(body) + "\n" + "\n".join(types) + SHIM_TYPES
    return app, sources

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebook")
    ap.add_argument("out_dir")
    ap.add_argument("--version", help="version of the ElrGnn.MLNet packages to use instead of the notebook's")
    ap.add_argument("--feed", help="local package folder (default: the notebook's #i nuget source, relative to it)")
    a = ap.parse_args()
    nb = json.load(open(a.notebook, encoding="utf-8"))
    app, sources = convert(nb, a.version)
    here = os.path.dirname(os.path.abspath(a.notebook))
    feeds = [os.path.abspath(a.feed)] if a.feed else [os.path.normpath(os.path.join(here, s)) for s in sources]
    os.makedirs(a.out_dir, exist_ok=True)
    with open(os.path.join(a.out_dir, "app.cs"), "w", encoding="utf-8") as f:
        f.write(app)
    with open(os.path.join(a.out_dir, "nuget.config"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n')
        for k, feed in enumerate(feeds):
            f.write(f'    <add key="notebook-feed-{k}" value="{feed}" />\n')
        f.write("  </packageSources>\n</configuration>\n")
    for name in ("Directory.Build.props", "Directory.Packages.props"):
        with open(os.path.join(a.out_dir, name), "w", encoding="utf-8") as f:
            f.write("<Project>\n  <!-- Keeps a surrounding repository's build settings out of the generated app. -->\n</Project>\n")
    print(os.path.join(a.out_dir, "app.cs"))

if __name__ == "__main__":
    sys.exit(main())
