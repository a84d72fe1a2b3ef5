//! Unit tests of the version table against facts read from Heat's source.

use super::{
    HotVersion, Place, available_from, is_condition_function, is_function, is_valid, names,
};

#[test]
fn every_date_and_alias_parses() {
    let pairs = [
        ("2013-05-23", HotVersion::V2013_05_23),
        ("2014-10-16", HotVersion::V2014_10_16),
        ("2015-04-30", HotVersion::V2015_04_30),
        ("2015-10-15", HotVersion::V2015_10_15),
        ("2016-04-08", HotVersion::V2016_04_08),
        ("2016-10-14", HotVersion::V2016_10_14),
        ("newton", HotVersion::V2016_10_14),
        ("2017-02-24", HotVersion::V2017_02_24),
        ("ocata", HotVersion::V2017_02_24),
        ("2017-09-01", HotVersion::V2017_09_01),
        ("pike", HotVersion::V2017_09_01),
        ("2018-03-02", HotVersion::V2018_03_02),
        ("queens", HotVersion::V2018_03_02),
        ("2018-08-31", HotVersion::V2018_08_31),
        ("rocky", HotVersion::V2018_08_31),
        ("2021-04-16", HotVersion::V2021_04_16),
        ("wallaby", HotVersion::V2021_04_16),
    ];
    for (text, version) in pairs {
        assert_eq!(HotVersion::parse(text), Some(version), "{text}");
    }
    for bad in ["2013-05-24", "Newton", " 2013-05-23", "xena", ""] {
        assert_eq!(HotVersion::parse(bad), None, "{bad}");
    }
}

#[test]
fn names_are_listed_as_heat_lists_them() {
    // Heat's InvalidTemplateVersion message, verbatim.
    assert_eq!(
        HotVersion::all_names().join(", "),
        "2013-05-23, 2014-10-16, 2015-04-30, 2015-10-15, 2016-04-08, 2016-10-14, \
         2017-02-24, 2017-09-01, 2018-03-02, 2018-08-31, 2021-04-16, newton, ocata, \
         pike, queens, rocky, wallaby"
    );
}

#[test]
fn conditions_arrive_in_newton() {
    let old = HotVersion::V2016_04_08;
    let newton = HotVersion::V2016_10_14;
    assert!(!is_valid(Place::Section, "conditions", old));
    assert!(is_valid(Place::Section, "conditions", newton));
    assert_eq!(
        available_from(Place::Section, "conditions", old),
        Some(newton)
    );
    assert_eq!(available_from(Place::Section, "conditions", newton), None);
    for key in ["condition", "external_id"] {
        assert!(!is_valid(Place::Resource, key, old));
        assert!(is_valid(Place::Resource, key, newton));
    }
    assert!(is_valid(Place::DeletionPolicy, "Retain", old));
    assert!(!is_valid(Place::DeletionPolicy, "retain", old));
    assert!(is_valid(Place::DeletionPolicy, "retain", newton));
}

#[test]
fn hidden_names_are_valid_but_never_listed() {
    let v = HotVersion::LATEST;
    assert!(is_valid(Place::Section, "__undefined__", v));
    assert!(names(Place::Section, v).all(|n| n != "__undefined__"));
    assert_eq!(names(Place::Section, HotVersion::V2013_05_23).count(), 6);
    assert_eq!(names(Place::Section, v).count(), 7);
}

#[test]
fn parameter_tags_arrive_in_queens() {
    assert!(!is_valid(
        Place::Parameter,
        "tags",
        HotVersion::V2018_08_31.min(HotVersion::V2017_09_01)
    ));
    assert!(is_valid(Place::Parameter, "tags", HotVersion::V2018_03_02));
}

#[test]
fn function_names_follow_the_version() {
    assert!(is_function("get_param", HotVersion::V2013_05_23));
    assert!(!is_function("if", HotVersion::V2016_04_08));
    assert!(is_function("if", HotVersion::V2016_10_14));
    // Removed functions are still parsed (to be reported), so they count.
    assert!(is_function("Fn::Join", HotVersion::LATEST));
    assert!(!is_function("equals", HotVersion::LATEST));
    assert!(is_condition_function("equals", HotVersion::LATEST));
    assert!(is_condition_function("get_param", HotVersion::LATEST));
}
