//! Receiving deliveries: the verifying server (`receiver`) with its checks (`check`) and limits
//! (`budget`), forwarding to an app (`forward`), the hand-off to its consumers (`fanout`) and
//! their output (`render`).

pub mod budget;
pub mod check;
pub mod fanout;
pub mod forward;
pub mod receiver;
pub mod render;
