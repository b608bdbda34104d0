//! What every generated request builder has in common, written once.
//!
//! A generated crate has a request builder per operation (GitHub's description: 1,223).
//! The parts that do not depend on the operation (the redacting `Debug`, the per-call
//! `header` and `timeout` setters, `send` and `IntoFuture`) are expanded from
//! [`request_builder!`](crate::request_builder) instead of being written out for each, so
//! the generated source holds only what is particular to the operation.

/// Adds to the request builder `$builder` (a struct with a lifetime `'a`, a
/// `call: CallOptions` field and an inherent `send_with_response(self)` returning
/// `Result<Response<$output>, Error>`) of the operation method `Client::$method`:
///
/// - `Debug`, showing the builder's name only (its arguments may hold secrets);
/// - the per-call setters `header(name, value)` and `timeout(duration)`;
/// - `send(self)`, the decoded answer alone;
/// - `IntoFuture`, so that `.await` on the builder sends it.
///
/// Attributes given before `$builder` (such as `#[allow(deprecated)]`) go on the `impl`
/// blocks. The documentation links to `Client::$method` and `Error::Encode` as the calling
/// module names them.
#[doc(hidden)]
#[macro_export]
macro_rules! request_builder {
    ($(#[$attr:meta])* $builder:ident, $method:ident, $output:ty) => {
        impl ::std::fmt::Debug for $builder<'_> {
            /// Shows the builder's name only: its arguments may hold secrets.
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(stringify!($builder)).finish_non_exhaustive()
            }
        }

        $(#[$attr])*
        impl<'a> $builder<'a> {
            /// Adds a header to this call, replacing one of the same name the operation sets
            /// (the client's `Authorization` always wins). An invalid name or value (RFC 9110,
            /// section 5) fails the call with [`Error::Encode`].
            pub fn header(mut self, name: &str, value: &str) -> Self {
                self.call.header(name, value);
                self
            }

            /// Limits each attempt of this call to `timeout` instead of the client's
            /// (`ClientBuilder::timeout`); the retry budget still bounds the whole call.
            pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.call.timeout(timeout);
                self
            }

            /// Sends the request and decodes the answer.
            ///
            /// # Errors
            ///
            #[doc = concat!("As [`Client::", stringify!($method), "`].")]
            pub async fn send(self) -> ::std::result::Result<$output, $crate::Error> {
                self.send_with_response().await.map($crate::Response::into_value)
            }
        }

        $(#[$attr])*
        impl<'a> ::std::future::IntoFuture for $builder<'a> {
            type Output = ::std::result::Result<$output, $crate::Error>;
            type IntoFuture = ::std::pin::Pin<
                ::std::boxed::Box<dyn ::std::future::Future<Output = Self::Output> + ::std::marker::Send + 'a>,
            >;

            fn into_future(self) -> Self::IntoFuture {
                ::std::boxed::Box::pin(self.send())
            }
        }
    };
}
