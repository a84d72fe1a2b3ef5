//! hotc lint over real templates that Heat accepts: no errors allowed.
//!
//! Every `.yaml`, `.yml`, `.json` and `.template` file of the corpus goes
//! through `check_source`. An error on any of them is a false error (a bug),
//! except on the files the corpus README lists as faulty, which must get
//! exactly the codes named below. The test prints how many files of each
//! kind it saw and the count of every code, for the record.
//!
//! Input: the corpus at `$HOTC_CORPUS`, else `<workspace>/../shared/corpus`;
//! skipped with a message when absent, unless `HOTC_REQUIRE_CORPUS=1`.
#![expect(
    clippy::expect_used,
    reason = "a test harness: failing loudly is the point"
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;

use hotc_compiler::diagnostics::Severity;
use hotc_compiler::{FileKind, check_source};
use hotc_grammar::LineIndex;
use hotc_tests::{corpus_dir, corpus_files};

/// Files Heat rejects or misreads (from the corpus README), with the codes
/// hotc must report for them, errors and warnings alike.
const KNOWN_FAULTS: &[(&str, &[&str])] = &[
    (
        "Juniper__contrail-tripleo-heat-templates/network/config/contrail/contrail-nic-config-compute-storage-mgmt.yaml",
        &["HOT001"],
    ),
    (
        "Juniper__contrail-tripleo-heat-templates/network/config/contrail/contrail-nic-config-storage-mgmt.yaml",
        &["HOT001"],
    ),
    (
        "openstack__magnum/magnum/drivers/k8s_fedora_coreos_v1/templates/kubecluster.yaml",
        &["HOT003", "HOT041", "HOT056", "HOT058"],
    ),
    // Not in the README, but Heat 27.0.1 rejects these two as well (checked
    // with ../shared/heat/offline_validate.py):
    // `The template version is invalid: "heat_template_version: 2020-08-07"`.
    (
        "openstack__tacker/samples/tests/etc/samples/hot_lcm_template.yaml",
        &["HOT011", "HOT043", "HOT044", "HOT056"],
    ),
    // References to resources and parameters that do not exist. Heat
    // refuses each file first for another reason (a resource type or
    // service this offline Heat lacks, a malformed `get_param`); with those
    // taken out (types swapped for OS::Heat::Value), it refuses them for
    // these references: `The specified reference "kube_master_ports" (in
    // kube_masters.Properties...) is incorrect.`, `The Parameter
    // (kube_master_ips_list) was not provided.`, and so on.
    (
        "openstack__magnum/contrib/drivers/k8s_opensuse_v1/templates/kubecluster.yaml",
        &["HOT041", "HOT047", "HOT050", "HOT056"],
    ),
    (
        "openstack__magnum/contrib/drivers/k8s_opensuse_v1/templates/kubemaster.yaml",
        &["HOT003", "HOT041", "HOT047", "HOT051", "HOT056"],
    ),
    (
        "openstack__rally-openstack/samples/tasks/scenarios/heat/templates/autoscaling-group.yaml.template",
        &["HOT050"],
    ),
    // Tacker's unit-test samples also write `get_param: { nfv, CP, VDU1_CP6,
    // network }`, a flow mapping of four null-valued keys rather than a
    // list: Heat 27.0.1 refuses it when it resolves the group's `resource`
    // (`Argument to "get_param" must be string or list`), HOT048.
    (
        "openstack__tacker/samples/tests/unit/sol_refactored/samples/sample1/BaseHOT/error/ut_sample1.yaml",
        &["HOT048", "HOT051"],
    ),
    (
        "openstack__tacker/samples/tests/unit/sol_refactored/samples/sample1/BaseHOT/simple/ut_sample1.yaml",
        &["HOT048", "HOT051"],
    ),
    // Heat refuses these directly: `The specified reference "SP1_group"
    // (in SP1_scale_out.Properties.auto_scaling_group_id) is incorrect.`
    (
        "openstack__tacker/tacker/tests/unit/vnfm/infra_drivers/openstack/data/hot_scale_grant.yaml",
        &["HOT050"],
    ),
    (
        "openstack__tacker/tacker/tests/unit/vnfm/infra_drivers/openstack/data/hot_scale_nest_grant.yaml",
        &["HOT045", "HOT050", "HOT056"],
    ),
    (
        "openstack__tacker/tacker/tests/unit/vnfm/infra_drivers/openstack/data/hot_scale_nest_initial.yaml",
        &["HOT050", "HOT056"],
    ),
    // An API reference sample with an empty constraint `{}`: `No constraint
    // expressed`.
    (
        "openstack__heat/api-ref/source/v1/samples/resource-type-template-hot-response.json",
        &["HOT022"],
    ),
    // Heat 27.0.1 refuses it (checked with Heat's own `Properties.validate`
    // and the type's schema; the type needs a service heat_validate.py does
    // not have): `Unknown Property max_retries_down`.
    (
        "openstack__heat-templates/hot/octavia/servers_with_octavia.yaml",
        &["HOT043"],
    ),
    // Heat 27.0.1 refuses it: `config: "['recipe[nginx-pkg]']" is not a map`.
    (
        "openstack__heat-templates/hot/software-config/example-templates/example-chef-template.yaml",
        &["HOT045"],
    ),
    // Heat 27.0.1 refuses it (checked as above): `query:
    // "{'metadata.user_metadata.cluster_id': ...}" is not a list`; its
    // `OS::Ceilometer::Alarm` is Heat's alias of the deprecated
    // `OS::Aodh::Alarm`.
    (
        "openstack__senlin/doc/source/scenarios/ex_lbas.yaml",
        &["HOT042", "HOT045"],
    ),
    // A sample meant to be invalid; Heat 27.0.1 refuses it (checked as
    // above): `Property flavor not assigned`.
    (
        "openstack__tacker/samples/tests/etc/samples/etsi/nfv/user_data_sample_basehot_invalid/BaseHOT/sample_lcm_with_user_data_invalid_hot.yaml",
        &["HOT044"],
    ),
];

/// The corpus files this suite reads.
const EXTENSIONS: &[&str] = &["yaml", "yml", "json", "template"];

#[test]
fn corpus_has_no_false_errors() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let paths = corpus_files(&dir, EXTENSIONS);
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut failures = String::new();
    for path in &paths {
        let relative = path
            .strip_prefix(&dir)
            .expect("inside the corpus")
            .to_string_lossy()
            .replace('\\', "/");
        let Ok(src) = std::fs::read_to_string(path) else {
            // Not UTF-8: not a template (Heat would not read it either).
            *kinds.entry("not UTF-8".to_owned()).or_default() += 1;
            continue;
        };
        let checked = check_source(&src);
        let kind = match checked.kind {
            FileKind::Template => "template",
            FileKind::Environment => "environment",
            FileKind::Other => "other",
        };
        *kinds.entry(kind.to_owned()).or_default() += 1;
        for d in &checked.diagnostics {
            *counts.entry((d.code, d.severity.as_str())).or_default() += 1;
        }
        let fault = KNOWN_FAULTS.iter().find(|(p, _)| *p == relative);
        if let Some((_, expected)) = fault {
            let mut got: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
            got.sort_unstable();
            got.dedup();
            if got != *expected {
                let _ = writeln!(failures, "{relative}: expected {expected:?}, got {got:?}");
            }
            continue;
        }
        for d in checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            let (line, _) = LineIndex::new(&src).line_col(&src, d.primary.span.start());
            let _ = writeln!(
                failures,
                "{relative}:{line}: {} {} ({})",
                d.code,
                d.message,
                d.primary.span.text(&src)
            );
        }
    }
    eprintln!("corpus: {} files: {kinds:?}", paths.len());
    for ((code, severity), n) in &counts {
        eprintln!("  {code} {severity}: {n}");
    }
    assert!(
        failures.is_empty(),
        "false errors on the corpus:\n{failures}"
    );
}
