//! Which structs can derive `Default`.

use crate::model::{Model, TypeDef, TypeKind};
use std::collections::HashMap;

/// Which structs can derive `Default`: those whose every required field's type has a default.
pub(crate) fn defaultable(model: &Model) -> HashMap<&str, bool> {
    use crate::model::TypeRef;
    let by_name: HashMap<&str, &TypeDef> =
        model.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut memo: HashMap<&str, bool> = HashMap::new();
    fn ty_default<'m>(
        t: &TypeRef,
        by_name: &HashMap<&'m str, &'m TypeDef>,
        memo: &mut HashMap<&'m str, bool>,
    ) -> bool {
        match t {
            TypeRef::Named(n) => match by_name.get_key_value(n.as_str()) {
                Some((k, def)) => def_default(k, def, by_name, memo),
                None => false,
            },
            TypeRef::Primitive(p) => !matches!(
                p,
                crate::model::Primitive::DateTime | crate::model::Primitive::Date
            ),
            TypeRef::Array(_)
            | TypeRef::Map(_)
            | TypeRef::Nullable(_)
            | TypeRef::JsonObject
            | TypeRef::Json => true,
        }
    }
    fn def_default<'m>(
        name: &'m str,
        def: &'m TypeDef,
        by_name: &HashMap<&'m str, &'m TypeDef>,
        memo: &mut HashMap<&'m str, bool>,
    ) -> bool {
        if let Some(&v) = memo.get(name) {
            return v;
        }
        // Assume no while visiting, so a cycle ends.
        memo.insert(name, false);
        let v = match &def.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .all(|f| f.optional() || ty_default(&f.ty, by_name, memo)),
            TypeKind::Alias(t) => ty_default(t, by_name, memo),
            TypeKind::Enum(_) | TypeKind::Union(_) => false,
        };
        memo.insert(name, v);
        v
    }
    for (name, def) in &by_name {
        def_default(name, def, &by_name, &mut memo);
    }
    memo
}
