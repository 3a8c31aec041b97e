//! Cursor pagination: `limit` (default 50, at most 200) and an opaque `cursor`, answered as
//! `{items, next_cursor}`.
//!
//! A cursor is the id of the last row of the previous page and lists are ordered by id (UUID
//! v7, so by creation), which makes any id a valid place to resume: rows added meanwhile are
//! neither skipped nor repeated.

use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, FieldError};

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 200;

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A validated page request: how many rows, and the id after which to start.
#[derive(Debug, Clone)]
pub struct PageRequest {
    pub limit: i64,
    pub after: Option<String>,
}

impl PageRequest {
    pub fn parse(limit: Option<i64>, cursor: Option<uuid::Uuid>) -> Result<Self, ApiError> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::Validation(vec![FieldError::new(
                "limit",
                format!("must be between 1 and {MAX_LIMIT}"),
            )]));
        }
        Ok(Self {
            limit,
            after: cursor.map(|c| c.to_string()),
        })
    }

    /// How many rows to fetch: one more than the page, to learn whether another page follows.
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }

    /// Cuts the fetched rows to the page and makes the next cursor from the last row's key.
    pub fn finish<R, T>(
        &self,
        mut rows: Vec<R>,
        key: impl Fn(&R) -> &str,
        map: impl FnMut(R) -> T,
    ) -> Page<T> {
        let more = rows.len() as i64 > self.limit;
        rows.truncate(self.limit as usize);
        let next_cursor = if more {
            rows.last().map(|r| key(r).to_owned())
        } else {
            None
        };
        Page {
            items: rows.into_iter().map(map).collect(),
            next_cursor,
        }
    }

    /// [`finish`](Self::finish) with a conversion that may fail; the first failure wins.
    pub fn try_finish<R, T>(
        &self,
        rows: Vec<R>,
        key: impl Fn(&R) -> &str,
        map: impl FnMut(R) -> Result<T, ApiError>,
    ) -> Result<Page<T>, ApiError> {
        let page = self.finish(rows, key, map);
        let items = page.items.into_iter().collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            next_cursor: page.next_cursor,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_is_bounded() {
        assert!(PageRequest::parse(Some(0), None).is_err());
        assert!(PageRequest::parse(Some(201), None).is_err());
        assert_eq!(
            PageRequest::parse(None, None).map(|p| p.limit).ok(),
            Some(DEFAULT_LIMIT)
        );
    }

    #[test]
    fn finish_sets_cursor_only_when_more_rows_exist() {
        let page = PageRequest::parse(Some(2), None).unwrap();
        let ids: Vec<String> = (0..3).map(|_| uuid::Uuid::now_v7().to_string()).collect();
        let full = page.finish(ids.clone(), |s| s.as_str(), |s| s);
        assert_eq!(full.items.len(), 2);
        assert!(full.next_cursor.is_some());
        let last = page.finish(ids[..2].to_vec(), |s| s.as_str(), |s| s);
        assert!(last.next_cursor.is_none());
    }
}
