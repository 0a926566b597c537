//! Doc comments, as the database's comments: `/// Messages sent to an endpoint.` on the struct
//! is the table's comment, on a field its column's.

use syn::{Attribute, Expr, ExprLit, Lit, Meta};

use super::literal_text;
use crate::ctxt::Ctxt;
use crate::symbol::DOC;

/// The text of the `#[doc = "..."]` attributes (what `///` and `/** */` become): each line
/// without the one space after `///`, the lines joined with `\n`, the whole trimmed. `None`
/// when there is no doc or it is blank. A `#[doc = ...]` that is not a literal (an
/// `include_str!`) is left out: its text is not known here.
pub fn doc_comment(attrs: &[Attribute]) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    for attr in attrs {
        if attr.path() != DOC {
            continue;
        }
        let Meta::NameValue(meta) = &attr.meta else {
            continue;
        };
        let Expr::Lit(ExprLit {
            lit: Lit::Str(text),
            ..
        }) = &meta.value
        else {
            continue;
        };
        let Ok(text) = literal_text(text, "doc") else {
            continue;
        };
        for line in text.split('\n') {
            let line = line.strip_prefix(' ').unwrap_or(line);
            lines.push(line.trim_end().to_owned());
        }
    }
    let text = lines.join("\n");
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// An error at each doc comment that holds a NUL byte (it would be the database's comment);
/// [`doc_comment`] leaves such a line out.
pub fn refuse_nul_in_doc(cx: &Ctxt, attrs: &[Attribute]) {
    for attr in attrs.iter().filter(|a| a.path() == DOC) {
        if let Meta::NameValue(meta) = &attr.meta {
            if let Expr::Lit(ExprLit {
                lit: Lit::Str(text),
                ..
            }) = &meta.value
            {
                if let Err(error) = literal_text(text, "doc") {
                    cx.syn_error(error);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(attrs: Vec<Attribute>) -> Option<String> {
        doc_comment(&attrs)
    }

    #[test]
    fn joins_the_lines_of_a_doc_comment() {
        let attrs: Vec<Attribute> = vec![
            syn::parse_quote!(#[doc = " Messages sent"]),
            syn::parse_quote!(#[doc = " to an endpoint."]),
            syn::parse_quote!(#[doc = ""]),
            syn::parse_quote!(#[doc = "   - indented"]),
            syn::parse_quote!(#[derive(Debug)]),
        ];
        assert_eq!(
            doc(attrs).as_deref(),
            Some("Messages sent\nto an endpoint.\n\n  - indented")
        );
    }

    #[test]
    fn a_blank_or_missing_doc_is_no_comment() {
        assert_eq!(doc(vec![syn::parse_quote!(#[doc = "  "])]), None);
        assert_eq!(
            doc(vec![syn::parse_quote!(#[doc = include_str!("x")])]),
            None
        );
        assert_eq!(doc(Vec::new()), None);
    }

    #[test]
    fn reads_a_block_comment() {
        let attrs = vec![syn::parse_quote!(#[doc = "\n Bytes\n of the payload.\n "])];
        assert_eq!(doc(attrs).as_deref(), Some("Bytes\nof the payload."));
    }
}
