//! sqlx `Type`, `Encode` and `Decode` for `#[derive(SqlEnum)]` enums, one macro per backend.
//!
//! A `cfg` inside generated code would read the *user's* features, so each backend's macro is
//! defined here, once with the impls when its feature is on and once empty when it is off.

#[cfg(feature = "postgres")]
#[doc(hidden)]
#[macro_export]
macro_rules! __sqlx_enum_postgres {
    ($t:ty) => {
        #[automatically_derived]
        impl $crate::__private::sqlx::Type<$crate::__private::sqlx::Postgres> for $t {
            fn type_info() -> <$crate::__private::sqlx::Postgres as $crate::__private::sqlx::Database>::TypeInfo {
                $crate::__private::sqlx::postgres::PgTypeInfo::with_name(<$t as $crate::SqlEnum>::DEF.name)
            }
        }
        #[automatically_derived]
        impl<'q> $crate::__private::sqlx::Encode<'q, $crate::__private::sqlx::Postgres> for $t {
            fn encode_by_ref(
                &self,
                buf: &mut <$crate::__private::sqlx::Postgres as $crate::__private::sqlx::Database>::ArgumentBuffer<'q>,
            ) -> ::core::result::Result<$crate::__private::sqlx::encode::IsNull, $crate::__private::sqlx::error::BoxDynError> {
                let label: &'q str = <$t as $crate::SqlEnum>::as_label(self);
                <&'q str as $crate::__private::sqlx::Encode<'q, $crate::__private::sqlx::Postgres>>::encode_by_ref(&label, buf)
            }
        }
        #[automatically_derived]
        impl<'r> $crate::__private::sqlx::Decode<'r, $crate::__private::sqlx::Postgres> for $t {
            fn decode(
                value: <$crate::__private::sqlx::Postgres as $crate::__private::sqlx::Database>::ValueRef<'r>,
            ) -> ::core::result::Result<Self, $crate::__private::sqlx::error::BoxDynError> {
                let label = <&'r str as $crate::__private::sqlx::Decode<'r, $crate::__private::sqlx::Postgres>>::decode(value)?;
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

#[cfg(not(feature = "postgres"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __sqlx_enum_postgres {
    ($t:ty) => {};
}

#[cfg(feature = "sqlite")]
#[doc(hidden)]
#[macro_export]
macro_rules! __sqlx_enum_sqlite {
    ($t:ty) => {
        #[automatically_derived]
        impl $crate::__private::sqlx::Type<$crate::__private::sqlx::Sqlite> for $t {
            fn type_info() -> <$crate::__private::sqlx::Sqlite as $crate::__private::sqlx::Database>::TypeInfo {
                <str as $crate::__private::sqlx::Type<$crate::__private::sqlx::Sqlite>>::type_info()
            }
            fn compatible(ty: &<$crate::__private::sqlx::Sqlite as $crate::__private::sqlx::Database>::TypeInfo) -> bool {
                <str as $crate::__private::sqlx::Type<$crate::__private::sqlx::Sqlite>>::compatible(ty)
            }
        }
        #[automatically_derived]
        impl<'q> $crate::__private::sqlx::Encode<'q, $crate::__private::sqlx::Sqlite> for $t {
            fn encode_by_ref(
                &self,
                buf: &mut <$crate::__private::sqlx::Sqlite as $crate::__private::sqlx::Database>::ArgumentBuffer<'q>,
            ) -> ::core::result::Result<$crate::__private::sqlx::encode::IsNull, $crate::__private::sqlx::error::BoxDynError> {
                let label: &'q str = <$t as $crate::SqlEnum>::as_label(self);
                <&'q str as $crate::__private::sqlx::Encode<'q, $crate::__private::sqlx::Sqlite>>::encode_by_ref(&label, buf)
            }
        }
        #[automatically_derived]
        impl<'r> $crate::__private::sqlx::Decode<'r, $crate::__private::sqlx::Sqlite> for $t {
            fn decode(
                value: <$crate::__private::sqlx::Sqlite as $crate::__private::sqlx::Database>::ValueRef<'r>,
            ) -> ::core::result::Result<Self, $crate::__private::sqlx::error::BoxDynError> {
                let label = <&'r str as $crate::__private::sqlx::Decode<'r, $crate::__private::sqlx::Sqlite>>::decode(value)?;
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

#[cfg(not(feature = "sqlite"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __sqlx_enum_sqlite {
    ($t:ty) => {};
}

#[cfg(feature = "mysql")]
#[doc(hidden)]
#[macro_export]
macro_rules! __sqlx_enum_mysql {
    ($t:ty) => {
        #[automatically_derived]
        impl $crate::__private::sqlx::Type<$crate::__private::sqlx::MySql> for $t {
            fn type_info() -> <$crate::__private::sqlx::MySql as $crate::__private::sqlx::Database>::TypeInfo {
                <str as $crate::__private::sqlx::Type<$crate::__private::sqlx::MySql>>::type_info()
            }
            fn compatible(ty: &<$crate::__private::sqlx::MySql as $crate::__private::sqlx::Database>::TypeInfo) -> bool {
                <str as $crate::__private::sqlx::Type<$crate::__private::sqlx::MySql>>::compatible(ty)
            }
        }
        #[automatically_derived]
        impl<'q> $crate::__private::sqlx::Encode<'q, $crate::__private::sqlx::MySql> for $t {
            fn encode_by_ref(
                &self,
                buf: &mut <$crate::__private::sqlx::MySql as $crate::__private::sqlx::Database>::ArgumentBuffer<'q>,
            ) -> ::core::result::Result<$crate::__private::sqlx::encode::IsNull, $crate::__private::sqlx::error::BoxDynError> {
                let label: &'q str = <$t as $crate::SqlEnum>::as_label(self);
                <&'q str as $crate::__private::sqlx::Encode<'q, $crate::__private::sqlx::MySql>>::encode_by_ref(&label, buf)
            }
        }
        #[automatically_derived]
        impl<'r> $crate::__private::sqlx::Decode<'r, $crate::__private::sqlx::MySql> for $t {
            fn decode(
                value: <$crate::__private::sqlx::MySql as $crate::__private::sqlx::Database>::ValueRef<'r>,
            ) -> ::core::result::Result<Self, $crate::__private::sqlx::error::BoxDynError> {
                let label = <&'r str as $crate::__private::sqlx::Decode<'r, $crate::__private::sqlx::MySql>>::decode(value)?;
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

#[cfg(not(feature = "mysql"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __sqlx_enum_mysql {
    ($t:ty) => {};
}
