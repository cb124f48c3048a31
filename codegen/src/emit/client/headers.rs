//! The struct of the headers an operation's successes declare (`…Headers`).

use super::super::{docs, TypeCtx};
use crate::model::{Model, Operation, TypeRef};
use crate::uses;
use proc_macro2::TokenStream;
use quote::quote;

/// The struct of the headers an operation's successes declare, read from a header map.
pub(super) fn headers_struct(model: &Model, op: &Operation) -> Option<TokenStream> {
    let name = op.headers_type.as_ref()?.to_ident();
    let doc = docs::outer_verbatim(&format!(
        "The headers a successful response of [`{}`] declares, read with\n\
         `{}::from(response.headers())`.\n\n\
         A header that is absent, or not of its declared type, is `None`; the raw\n\
         value stays in the header map.",
        model.method_link(op),
        name
    ));
    let fields = op.response_headers.iter().map(|h| {
        let field = h.name.to_ident();
        let ty = header_type(model, &h.ty);
        let doc = docs::outer(h.doc.as_deref());
        let deprecated = h.deprecated.then(|| quote! { #[deprecated] });
        quote! {
            #doc
            #deprecated
            pub #field: Option<#ty>,
        }
    });
    let reads = op.response_headers.iter().map(|h| {
        let field = h.name.to_ident();
        let wire = h.wire_name.to_ascii_lowercase();
        quote! { #field: runtime::header_value(headers, #wire), }
    });
    Some(quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #name {
            #(#fields)*
        }

        impl From<&reqwest::header::HeaderMap> for #name {
            fn from(headers: &reqwest::header::HeaderMap) -> Self {
                #name {
                    #(#reads)*
                }
            }
        }
    })
}

/// A response header's type: the declared one where its text parses into it
/// (`FromStr`), else the text.
fn header_type(model: &Model, ty: &TypeRef) -> TokenStream {
    if uses::header_parses(model, ty) {
        TypeCtx::Sibling.type_ref(ty)
    } else {
        quote! { String }
    }
}
