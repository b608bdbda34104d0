//! The `with_*` setters of generated types, written once.
//!
//! A generated struct is `#[non_exhaustive]`: code outside the crate builds it with `new`
//! (the required properties) and sets each other property with a chainable `with_<field>`.
//! Those setters differ only in names, the value's type and how the value is stored, so each
//! is one line in the generated source, [`setter!`](crate::setter), expanded here.

/// A chainable setter of an optional property: `$setter(mut self, value) -> Self` stores the
/// value in `self.$field`, wrapped in `Some`, and is documented as setting the property
/// `$wire` (the property's name in the document, given when it differs from the field's).
///
/// `setter!(with_field, field [as "wire"], how)`, where `how` says how the value is taken:
///
/// - `T`: a `T`;
/// - `into String`: anything `Into<String>`;
/// - `boxed T`: a `T`, stored boxed (a recursive type);
/// - `nullable T`: an `Option<T>`, for a property that is optional and may be `null`
///   (`None` sends `null`; the field is `Option<Option<T>>`);
/// - `nullable boxed T`: the same, stored boxed.
///
/// Attributes before the setter's name (`#[deprecated]`) go on the method.
#[doc(hidden)]
#[macro_export]
macro_rules! setter {
    ($(#[$attr:meta])* $setter:ident, $field:ident $(as $wire:literal)?, into String) => {
        $crate::setter!(@method [$(#[$attr])*] $setter $field [$($wire)?] value (impl ::std::convert::Into<String>) value.into());
    };
    ($(#[$attr:meta])* $setter:ident, $field:ident $(as $wire:literal)?, boxed $ty:ty) => {
        $crate::setter!(@method [$(#[$attr])*] $setter $field [$($wire)?] value ($ty) ::std::boxed::Box::new(value));
    };
    ($(#[$attr:meta])* $setter:ident, $field:ident $(as $wire:literal)?, nullable boxed $ty:ty) => {
        $crate::setter!(@method [$(#[$attr])*] $setter $field [$($wire)?] value (::std::option::Option<$ty>) value.map(::std::boxed::Box::new));
    };
    ($(#[$attr:meta])* $setter:ident, $field:ident $(as $wire:literal)?, nullable $ty:ty) => {
        $crate::setter!(@method [$(#[$attr])*] $setter $field [$($wire)?] value (::std::option::Option<$ty>) value);
    };
    ($(#[$attr:meta])* $setter:ident, $field:ident $(as $wire:literal)?, $ty:ty) => {
        $crate::setter!(@method [$(#[$attr])*] $setter $field [$($wire)?] value ($ty) value);
    };
    // The parameter's name comes with the value's expression, so that both are the same
    // identifier to the macro's hygiene.
    (@method [$($attr:tt)*] $setter:ident $field:ident [] $value:ident ($ty:ty) $stored:expr) => {
        #[doc = ::std::concat!("Sets `", ::std::stringify!($field), "`.")]
        $($attr)*
        pub fn $setter(mut self, $value: $ty) -> Self {
            self.$field = ::std::option::Option::Some($stored);
            self
        }
    };
    (@method [$($attr:tt)*] $setter:ident $field:ident [$wire:literal] $value:ident ($ty:ty) $stored:expr) => {
        #[doc = ::std::concat!("Sets `", $wire, "`.")]
        $($attr)*
        pub fn $setter(mut self, $value: $ty) -> Self {
            self.$field = ::std::option::Option::Some($stored);
            self
        }
    };
}
