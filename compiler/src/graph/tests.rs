#![expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test inputs are known-good"
)]

use super::*;

fn graph(src: &str) -> Graph {
    Graph::build(&Template::parse(src))
}

fn names(g: &Graph, ids: &[usize]) -> Vec<String> {
    ids.iter().map(|&i| g.nodes[i].name.clone()).collect()
}

const DIAMOND: &str = "\
heat_template_version: 2018-08-31
resources:
  app:
    type: OS::Heat::Value
    properties: {value: [{get_attr: [left, value]}, {get_attr: [right, value]}]}
  left:
    type: OS::Heat::Value
    properties: {value: {get_resource: base}}
  right:
    type: OS::Heat::Value
    depends_on: base
    properties: {value: {get_resource: base}}
  base: {type: OS::Heat::RandomString}
  lone: {type: OS::Heat::None, depends_on: [nothing, lone]}
";

#[test]
fn edges_follow_references_and_skip_unknown_and_self() {
    let g = graph(DIAMOND);
    let edges: Vec<(String, String)> = g
        .edges
        .iter()
        .map(|e| (g.nodes[e.from].name.clone(), g.nodes[e.to].name.clone()))
        .collect();
    assert_eq!(
        edges,
        [
            ("app".into(), "left".into()),
            ("app".into(), "right".into()),
            ("left".into(), "base".into()),
            ("right".into(), "base".into()),
            ("right".into(), "base".into()),
        ]
    );
    // The pair right -> base is one dependency.
    assert_eq!(g.dependencies()[g.index("right").unwrap()].len(), 1);
}

/// Heat starts a resource once all it depends on is complete: levels are
/// what can run at once.
#[test]
fn levels_put_dependencies_first() {
    let g = graph(DIAMOND);
    let levels: Vec<Vec<String>> = g.levels().unwrap().iter().map(|l| names(&g, l)).collect();
    assert_eq!(
        levels,
        [
            vec!["base".to_owned(), "lone".to_owned()],
            vec!["left".to_owned(), "right".to_owned()],
            vec!["app".to_owned()],
        ]
    );
}

#[test]
fn a_cycle_is_named() {
    let g = graph(
        "heat_template_version: 2018-08-31\nresources:\n  \
         a: {type: OS::Heat::None, depends_on: b}\n  \
         b: {type: OS::Heat::None, depends_on: c}\n  \
         c: {type: OS::Heat::None, depends_on: a}\n  \
         d: {type: OS::Heat::None, depends_on: a}\n",
    );
    let Err(Cycle(cycle)) = g.levels() else {
        panic!("a cycle")
    };
    assert_eq!(names(&g, &cycle), ["a", "b", "c"]);
}

#[test]
fn closure_keeps_a_target_and_what_it_needs() {
    let g = graph(DIAMOND);
    let keep = g.closure(&[g.index("left").unwrap()]);
    let kept: Vec<usize> = (0..g.nodes.len()).filter(|&i| keep[i]).collect();
    assert_eq!(names(&g, &kept), ["left", "base"]);
}

/// Heat's `if` is a Macro whose dependencies are those of the branch taken;
/// undecided, both count.
#[test]
fn if_counts_the_branch_taken() {
    let src = "heat_template_version: 2021-04-16\n\
               parameters: {big: {type: boolean, default: true}}\n\
               conditions: {is_big: {get_param: big}}\n\
               resources:\n  \
               large: {type: OS::Heat::None}\n  \
               small: {type: OS::Heat::None}\n  \
               user:\n    type: OS::Heat::Value\n    \
               properties: {value: {if: [is_big, {get_resource: large}, {get_resource: small}]}}\n";
    let template = Template::parse(src);
    let targets =
        |g: &Graph| -> Vec<String> { g.edges.iter().map(|e| g.nodes[e.to].name.clone()).collect() };
    assert_eq!(targets(&Graph::build(&template)), ["large", "small"]);
    let decided = Graph::build_deciding(&template, &|_| Some(false));
    assert_eq!(targets(&decided), ["small"]);
}
