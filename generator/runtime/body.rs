//! Reading a response body in bounded memory: a successful answer is read whole up to a
//! size cap, an error answer only up to a small excerpt.

use bytes::{Bytes, BytesMut};

/// Default cap on the size of a response body: 32 MiB.
pub(super) const DEFAULT_MAX_RESPONSE_SIZE: u64 = 32 * 1024 * 1024;

/// Bytes of an error answer's body kept for the error: 64 KiB.
pub(super) const ERROR_BODY_LIMIT: u64 = 64 * 1024;

/// A body read under a limit.
pub(super) struct LimitedBody {
    /// The bytes kept: the whole body, or its start when it was longer than the limit.
    pub(super) bytes: Bytes,
    /// The body's full length in bytes, when known (from `Content-Length` or by counting up
    /// to the size cap); `None` when it ran past the cap and was not read to its end.
    pub(super) full_len: Option<u64>,
}

/// Why a body could not be read.
pub(super) enum BodyError {
    /// The connection failed while the body was being received.
    Http(reqwest::Error),
    /// The body is longer than the size cap.
    TooLarge,
}

/// Reads `response`'s body. A successful (2xx) answer is read whole, and one longer than
/// `cap` bytes fails with [`BodyError::TooLarge`] as soon as that is known (from
/// `Content-Length` or while streaming), before more is received. Of any other answer, the
/// first [`ERROR_BODY_LIMIT`] bytes are kept and the rest is counted (not stored) up to `cap`.
pub(super) async fn read(
    mut response: reqwest::Response,
    success: bool,
    cap: u64,
) -> Result<LimitedBody, BodyError> {
    let declared = response.content_length();
    let keep = if success {
        if declared.is_some_and(|len| len > cap) {
            return Err(BodyError::TooLarge);
        }
        cap
    } else {
        ERROR_BODY_LIMIT.min(cap)
    };
    let initial = declared.unwrap_or(0).min(keep).min(ERROR_BODY_LIMIT);
    let mut kept = BytesMut::with_capacity(usize::try_from(initial).unwrap_or(0));
    let mut seen: u64 = 0;
    loop {
        let chunk = match response.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break,
            Err(e) => return Err(BodyError::Http(e)),
        };
        let len = u64::try_from(chunk.len()).unwrap_or(u64::MAX);
        let room = keep.saturating_sub(seen);
        seen = seen.saturating_add(len);
        if room > 0 {
            let take = usize::try_from(room.min(len)).unwrap_or(chunk.len());
            kept.extend_from_slice(&chunk[..take]);
        }
        if seen > cap {
            if success {
                return Err(BodyError::TooLarge);
            }
            // Past the cap with no declared length: stop receiving, length unknown.
            return Ok(LimitedBody {
                bytes: kept.freeze(),
                full_len: None,
            });
        }
        if !success && seen >= keep {
            if let Some(len) = declared {
                // The length is known: the rest need not be received.
                return Ok(LimitedBody {
                    bytes: kept.freeze(),
                    full_len: Some(len),
                });
            }
        }
    }
    Ok(LimitedBody {
        bytes: kept.freeze(),
        full_len: Some(seen),
    })
}
