//! Whole-graph passes: each asks one question of all the types at once,
//! after every schema has been lowered.
//!
//! - [`untagged`]: the order in which an untagged union tries its variants;
//! - [`tag_fields`]: a struct that several tags of a union pick keeps its tag;
//! - [`nullable_aliases`]: a nullable alias used as nullable is seen through;
//! - [`direction`]: what a request sends (tri-state fields) and what a
//!   response receives (defaults), from [`reachable`];
//! - [`cycles`]: boxing the edges that close a cycle, refusing a cycle of `$ref`s;
//! - [`dedupe`]: identical inline types become one (over the whole model);
//! - [`sizes`]: which enums hold a variant far larger than the others (over
//!   the whole model, after `dedupe`).

pub mod cycles;
pub mod dedupe;
pub mod direction;
pub mod nullable_aliases;
pub mod reachable;
pub mod sizes;
pub mod tag_fields;
pub mod untagged;

use super::{Operation, TypeDef};

/// Runs the passes over the lowered types, in the order each needs the one
/// before: variants are ordered before aliases are seen through, and the
/// direction is settled before cycles are boxed.
pub fn finish(types: &mut [TypeDef], operations: &[Operation]) {
    untagged::order_untagged(types);
    tag_fields::keep_tags(types);
    nullable_aliases::see_through_nullable_aliases(types);
    direction::by_direction(types, operations);
    cycles::box_cycles(types);
}
