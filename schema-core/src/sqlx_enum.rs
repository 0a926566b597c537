//! sqlx `Type`, `Encode` and `Decode` for `#[derive(SqlEnum)]` enums, one macro per backend.
//!
//! A `cfg` inside generated code would read the *user's* features, so each backend's macro is
//! defined here, once with the impls when its feature (and `rows`) is on and once empty when
//! it is off.
//! What the backends share, the text encoding and the label check, is one macro that takes
//! the database type and needs no feature: [`__sqlx_enum_text!`](crate::__sqlx_enum_text).

/// `Encode` and `Decode` of an enum as its label, for database `$db`; with `str_type`, a
/// `Type` impl that is the database's text type.
#[doc(hidden)]
#[macro_export]
macro_rules! __sqlx_enum_text {
    (str_type $t:ty, $db:ty) => {
        #[automatically_derived]
        impl $crate::__private::sqlx::Type<$db> for $t {
            fn type_info() -> <$db as $crate::__private::sqlx::Database>::TypeInfo {
                <str as $crate::__private::sqlx::Type<$db>>::type_info()
            }
            fn compatible(ty: &<$db as $crate::__private::sqlx::Database>::TypeInfo) -> bool {
                <str as $crate::__private::sqlx::Type<$db>>::compatible(ty)
            }
        }
    };
    ($t:ty, $db:ty) => {
        #[automatically_derived]
        impl<'q> $crate::__private::sqlx::Encode<'q, $db> for $t {
            fn encode_by_ref(
                &self,
                buf: &mut <$db as $crate::__private::sqlx::Database>::ArgumentBuffer<'q>,
            ) -> ::core::result::Result<
                $crate::__private::sqlx::encode::IsNull,
                $crate::__private::sqlx::error::BoxDynError,
            > {
                let label: &'q str = <$t as $crate::SqlEnum>::as_label(self);
                <&'q str as $crate::__private::sqlx::Encode<'q, $db>>::encode_by_ref(&label, buf)
            }
        }
        #[automatically_derived]
        impl<'r> $crate::__private::sqlx::Decode<'r, $db> for $t {
            fn decode(
                value: <$db as $crate::__private::sqlx::Database>::ValueRef<'r>,
            ) -> ::core::result::Result<Self, $crate::__private::sqlx::error::BoxDynError> {
                let label = <&'r str as $crate::__private::sqlx::Decode<'r, $db>>::decode(value)?;
                <$t as $crate::SqlEnum>::from_label(label).ok_or_else(|| {
                    ::std::format!(
                        "`{}` is not a label of enum type `{}`",
                        label,
                        <$t as $crate::SqlEnum>::DEF.name
                    )
                    .into()
                })
            }
        }
    };
}

/// PostgreSQL: the enum's own type, by name (`CREATE TYPE ... AS ENUM`).
#[cfg(all(feature = "postgres", feature = "rows"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __sqlx_enum_postgres {
    ($t:ty) => {
        #[automatically_derived]
        impl $crate::__private::sqlx::Type<$crate::__private::sqlx::Postgres> for $t {
            fn type_info(
            ) -> <$crate::__private::sqlx::Postgres as $crate::__private::sqlx::Database>::TypeInfo
            {
                $crate::__private::sqlx::postgres::PgTypeInfo::with_name(
                    <$t as $crate::SqlEnum>::DEF.name,
                )
            }
        }
        $crate::__sqlx_enum_text!($t, $crate::__private::sqlx::Postgres);
    };
}

#[cfg(not(all(feature = "postgres", feature = "rows")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __sqlx_enum_postgres {
    ($t:ty) => {};
}

/// SQLite: `TEXT` with a `CHECK`, so the column is text to sqlx.
#[cfg(all(feature = "sqlite", feature = "rows"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __sqlx_enum_sqlite {
    ($t:ty) => {
        $crate::__sqlx_enum_text!(str_type $t, $crate::__private::sqlx::Sqlite);
        $crate::__sqlx_enum_text!($t, $crate::__private::sqlx::Sqlite);
    };
}

#[cfg(not(all(feature = "sqlite", feature = "rows")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __sqlx_enum_sqlite {
    ($t:ty) => {};
}

/// MySQL: an inline `ENUM(...)`, which sqlx reads and writes as text.
#[cfg(all(feature = "mysql", feature = "rows"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __sqlx_enum_mysql {
    ($t:ty) => {
        $crate::__sqlx_enum_text!(str_type $t, $crate::__private::sqlx::MySql);
        $crate::__sqlx_enum_text!($t, $crate::__private::sqlx::MySql);
    };
}

#[cfg(not(all(feature = "mysql", feature = "rows")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __sqlx_enum_mysql {
    ($t:ty) => {};
}
