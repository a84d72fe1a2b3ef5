//! The typed IR: a template's parts with their spans, values lowered to
//! expressions whose function calls are nodes (`expr`), and the references
//! between resources as Heat finds them (`refs`).
//!
//! The IR serves every stage after the front end: the lint rules read it,
//! evaluation (`crate::eval`) runs on its expressions, and the graph and the
//! plan are built from its resources and references.

mod expr;
mod refs;
mod template;

pub use expr::{Call, Expr, ExprKind, Place};
pub use refs::{Reference, ReferenceKind, references, references_deciding};
pub use template::{ConditionDef, Named, Output, ParameterGroup, Resource, Template};
