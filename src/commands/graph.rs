//! `hotc graph`: draw a stack's resources and their dependencies.
//!
//! The graph is the compiler's (`hotc_compiler::graph`): an edge from a
//! resource to each resource it depends on, by kind (`depends_on`,
//! `get_resource`, `get_attr` with the attribute). A resource whose type is
//! a template file is a nested stack: its own graph is drawn inside it as a
//! cluster, down to Heat's nesting limit. Formats: Graphviz `dot`, Mermaid
//! (renders in GitHub and GitLab Markdown), JSON (docs/graph-output.md),
//! and SVG through Graphviz's `dot` program when it is installed.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use clap::{Args, ValueEnum};
use hotc_compiler::graph::Graph;
use hotc_compiler::ir::{ReferenceKind, Template};
use hotc_compiler::source::SourceLoader;
use hotc_grammar::LineIndex;
use serde_json::json;

use super::lint::DiskLoader;
use super::template::load;
use super::{ColorArgs, print_error, print_note, write_output};
use crate::ExitStatus;

/// Heat's `max_nested_stack_depth`: nested stacks below it are not drawn.
const MAX_DEPTH: usize = 5;

#[derive(Debug, Args)]
#[command(
    about = "Draw a stack's resources and their dependencies",
    long_about = "Draw a stack's resources and their dependencies.\n\n\
        An arrow goes from a resource to each resource it depends on:\n\
        solid for get_resource and get_attr (labelled with the attribute),\n\
        dashed for depends_on. Nested stacks (a resource whose type is a\n\
        template file) are drawn inside their resource as a cluster.\n\
        Resources on the same level (JSON `level`) can be created at once.\n\n\
        A template with errors is not drawn: the errors are printed as\n\
        `hotc lint` prints them and the exit status is 1."
)]
pub(crate) struct GraphArgs {
    /// The template to draw.
    #[arg(value_name = "FILE")]
    file: PathBuf,

    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Dot)]
    format: Format,

    /// Write the output to this file instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,

    #[command(flatten)]
    color: ColorArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Graphviz's DOT language.
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
    /// JSON (docs/graph-output.md).
    Json,
    /// SVG, drawn by Graphviz's `dot` program.
    Svg,
}

/// A stack to draw: its resources, edges and nested stacks.
struct Stack {
    /// The prefix of its node ids (`n` for the top, `n3_` inside resource 3).
    id: String,
    graph: Graph,
    levels: Vec<usize>,
    /// Nested stacks by the index of the resource that holds them.
    nested: Vec<(usize, String, Stack)>,
    /// The template's text, for line numbers.
    source: String,
}

pub(crate) fn run(args: &GraphArgs) -> ExitStatus {
    let loaded = match load(&args.file, &args.color, None) {
        Ok(loaded) => loaded,
        Err(status) => return status,
    };
    let mut chain = vec![loaded.name.clone()];
    let stack = build(
        &loaded.template,
        &loaded.name,
        loaded.source.clone(),
        "n".to_owned(),
        &mut chain,
    );
    let text = match args.format {
        Format::Dot => dot(&stack),
        Format::Mermaid => mermaid(&stack),
        Format::Json => {
            let document = json!({"version": 1, "template": loaded.name, "graph": json_of(&stack)});
            let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
            text.push('\n');
            text
        }
        Format::Svg => match svg(&dot(&stack)) {
            Ok(svg) => svg,
            Err(message) => {
                print_error(&message);
                return ExitStatus::Error;
            }
        },
    };
    write_output(args.output.as_deref(), &text)
}

/// The stack of `template` (read from `name`), with its nested stacks.
/// `chain` holds the files from the top down to this one, so a template
/// that nests itself is drawn once.
fn build(
    template: &Template,
    name: &str,
    source: String,
    id: String,
    chain: &mut Vec<String>,
) -> Stack {
    let graph = Graph::build(template);
    let mut levels = vec![0; graph.nodes.len()];
    // A cycle is a lint error, so it cannot reach here; all level 0 if so.
    if let Ok(by_level) = graph.levels() {
        for (level, nodes) in by_level.iter().enumerate() {
            for &n in nodes {
                if let Some(slot) = levels.get_mut(n) {
                    *slot = level;
                }
            }
        }
    }
    let mut nested = Vec::new();
    for (i, resource) in template.resources.iter().enumerate() {
        if !resource.is_nested_stack() || chain.len() > MAX_DEPTH {
            continue;
        }
        let Ok((resolved, text)) = DiskLoader.load(name, &resource.type_name) else {
            print_note(&format!(
                "{name}: nested template {} of `{}` could not be read; drawn without its resources",
                resource.type_name, resource.name
            ));
            continue;
        };
        if chain.contains(&resolved) {
            continue;
        }
        let inner = Template::parse(&text);
        chain.push(resolved.clone());
        let stack = build(&inner, &resolved, text, format!("{id}{i}_"), chain);
        chain.pop();
        nested.push((i, resource.type_name.clone(), stack));
    }
    Stack {
        id,
        graph,
        levels,
        nested,
        source,
    }
}

fn edge_label(kind: &ReferenceKind) -> String {
    match kind {
        ReferenceKind::DependsOn => "depends_on".to_owned(),
        ReferenceKind::GetResource => "get_resource".to_owned(),
        ReferenceKind::GetAttr { attribute: Some(a) } => format!("get_attr {a}"),
        ReferenceKind::GetAttr { attribute: None } => "get_attr".to_owned(),
    }
}

/// The edges of a graph with their labels, one per (from, to, label).
fn edges(graph: &Graph) -> Vec<(usize, usize, &ReferenceKind, String)> {
    // A set, not a scan of what is kept: a large stack has an edge or more
    // per resource.
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for e in &graph.edges {
        let label = edge_label(&e.kind);
        if seen.insert((e.from, e.to, label.clone())) {
            out.push((e.from, e.to, &e.kind, label));
        }
    }
    out
}

/// How one text format writes the parts of a drawing; `draw` walks the
/// stacks the same way for each.
trait Syntax {
    fn escape(&self, s: &str) -> String;
    /// Node `id` labelled with a resource's name and type.
    fn node(&self, id: &str, name: &str, type_name: &str) -> String;
    fn edge(&self, from: &str, to: &str, kind: &ReferenceKind, label: &str) -> String;
    /// The opening of the cluster `id` of a nested stack.
    fn open_cluster(&self, id: &str, label: &str, pad: &str) -> String;
    fn close_cluster(&self) -> String;
    /// The link from the owner's node to its cluster (`first`: the
    /// cluster's first node, if any).
    fn nested_link(&self, owner: &str, cluster: &str, first: Option<&str>) -> Option<String>;
}

struct Dot;

impl Syntax for Dot {
    fn escape(&self, s: &str) -> String {
        s.replace('\\', "\\\\").replace('"', "\\\"")
    }
    fn node(&self, id: &str, name: &str, type_name: &str) -> String {
        format!("\"{id}\" [label=\"{name}\\n{type_name}\"];")
    }
    fn edge(&self, from: &str, to: &str, kind: &ReferenceKind, label: &str) -> String {
        let style = match kind {
            ReferenceKind::DependsOn => ", style=dashed",
            ReferenceKind::GetResource | ReferenceKind::GetAttr { .. } => "",
        };
        format!("\"{from}\" -> \"{to}\" [label=\"{label}\"{style}];")
    }
    fn open_cluster(&self, id: &str, label: &str, pad: &str) -> String {
        format!("subgraph \"cluster_{id}\" {{\n{pad}  label=\"{label}\";\n{pad}  style=rounded;")
    }
    fn close_cluster(&self) -> String {
        "}".to_owned()
    }
    fn nested_link(&self, owner: &str, cluster: &str, first: Option<&str>) -> Option<String> {
        // DOT draws an edge to a cluster as one to a node inside it.
        first.map(|first| {
            format!(
                "\"{owner}\" -> \"{first}\" [lhead=\"cluster_{cluster}\", style=dotted, label=\"nested stack\"];"
            )
        })
    }
}

struct Mermaid;

impl Syntax for Mermaid {
    fn escape(&self, s: &str) -> String {
        s.replace('"', "#quot;")
            .replace('<', "#lt;")
            .replace('>', "#gt;")
    }
    fn node(&self, id: &str, name: &str, type_name: &str) -> String {
        format!("{id}[\"{name}<br/>{type_name}\"]")
    }
    fn edge(&self, from: &str, to: &str, kind: &ReferenceKind, label: &str) -> String {
        let arrow = match kind {
            ReferenceKind::DependsOn => "-.->",
            ReferenceKind::GetResource | ReferenceKind::GetAttr { .. } => "-->",
        };
        format!("{from} {arrow}|\"{label}\"| {to}")
    }
    fn open_cluster(&self, id: &str, label: &str, _pad: &str) -> String {
        format!("subgraph {id}c[\"{label}\"]")
    }
    fn close_cluster(&self) -> String {
        "end".to_owned()
    }
    fn nested_link(&self, owner: &str, cluster: &str, _first: Option<&str>) -> Option<String> {
        Some(format!("{owner} -.-|nested stack| {cluster}c"))
    }
}

fn dot(stack: &Stack) -> String {
    let mut out = String::from(
        "digraph stack {\n  compound=true;\n  node [shape=box, fontname=\"Helvetica\"];\n  \
         edge [fontname=\"Helvetica\", fontsize=10];\n",
    );
    draw(&Dot, stack, 1, &mut out);
    out.push_str("}\n");
    out
}

fn mermaid(stack: &Stack) -> String {
    let mut out = String::from("flowchart TD\n");
    draw(&Mermaid, stack, 1, &mut out);
    out
}

/// Writes a stack's nodes, edges and nested stacks (recursively) in
/// `syntax`, indented by `depth`.
fn draw(syntax: &dyn Syntax, stack: &Stack, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    let id = &stack.id;
    for (i, node) in stack.graph.nodes.iter().enumerate() {
        let line = syntax.node(
            &format!("{id}{i}"),
            &syntax.escape(&node.name),
            &syntax.escape(&node.type_name),
        );
        let _ = writeln!(out, "{pad}{line}");
    }
    for (from, to, kind, label) in edges(&stack.graph) {
        let line = syntax.edge(
            &format!("{id}{from}"),
            &format!("{id}{to}"),
            kind,
            &syntax.escape(&label),
        );
        let _ = writeln!(out, "{pad}{line}");
    }
    for (owner, file, inner) in &stack.nested {
        let owner_name = stack
            .graph
            .nodes
            .get(*owner)
            .map_or("", |n| n.name.as_str());
        let label = format!("{} ({})", syntax.escape(owner_name), syntax.escape(file));
        let _ = writeln!(out, "{pad}{}", syntax.open_cluster(&inner.id, &label, &pad));
        draw(syntax, inner, depth + 1, out);
        let _ = writeln!(out, "{pad}{}", syntax.close_cluster());
        let first = (!inner.graph.nodes.is_empty()).then(|| format!("{}0", inner.id));
        if let Some(link) = syntax.nested_link(&format!("{id}{owner}"), &inner.id, first.as_deref())
        {
            let _ = writeln!(out, "{pad}{link}");
        }
    }
}

fn json_of(stack: &Stack) -> serde_json::Value {
    let g = &stack.graph;
    let lines = LineIndex::new(&stack.source);
    let line = |offset: usize| lines.line_col(&stack.source, offset).0;
    let name = |i: usize| g.nodes.get(i).map_or("", |n| n.name.as_str());
    let nodes: Vec<serde_json::Value> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let nested = stack
                .nested
                .iter()
                .find(|(owner, _, _)| *owner == i)
                .map(|(_, file, inner)| json!({"template": file, "graph": json_of(inner)}));
            let mut node = json!({
                "name": n.name,
                "type": n.type_name,
                "level": stack.levels.get(i).copied().unwrap_or(0),
                "line": line(n.span.start()),
            });
            if let (Some(nested), Some(map)) = (nested, node.as_object_mut()) {
                map.insert("nested".to_owned(), nested);
            }
            node
        })
        .collect();
    let edges: Vec<serde_json::Value> = g
        .edges
        .iter()
        .map(|e| {
            let (kind, attribute) = match &e.kind {
                ReferenceKind::DependsOn => ("depends_on", None),
                ReferenceKind::GetResource => ("get_resource", None),
                ReferenceKind::GetAttr { attribute } => ("get_attr", attribute.clone()),
            };
            json!({
                "from": name(e.from),
                "to": name(e.to),
                "kind": kind,
                "attribute": attribute,
                "line": line(e.span.start()),
            })
        })
        .collect();
    let mut levels: Vec<Vec<&str>> = Vec::new();
    for (i, &level) in stack.levels.iter().enumerate() {
        if levels.len() <= level {
            levels.resize(level + 1, Vec::new());
        }
        if let Some(slot) = levels.get_mut(level) {
            slot.push(name(i));
        }
    }
    json!({ "nodes": nodes, "edges": edges, "levels": levels })
}

/// Runs Graphviz's `dot -Tsvg` on the DOT text.
fn svg(dot_text: &str) -> Result<String, String> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "`--format svg` needs Graphviz's `dot` program, which \
                 is not installed (Debian/Ubuntu: `apt install graphviz`, macOS: `brew install \
                 graphviz`); `--format dot` writes the graph for it"
                .to_owned(),
            _ => format!("cannot run Graphviz's `dot`: {e}"),
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(dot_text.as_bytes())
            .map_err(|e| format!("cannot write to Graphviz's `dot`: {e}"))?;
    }
    let output = child
        .wait_with_output()
        .map_err(|e| format!("Graphviz's `dot` failed: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "Graphviz's `dot` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| "Graphviz's `dot` wrote no UTF-8".to_owned())
}
