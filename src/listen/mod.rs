//! Receiving deliveries: the verifying server (`receiver`) with its checks (`check`) and limits
//! (`budget`), forwarding to an app (`forward`), the hand-off to its consumers (`fanout`) and
//! their output (`render`, with `digest` choosing the lines worth showing).

pub mod budget;
pub mod check;
pub mod digest;
pub mod fanout;
pub mod forward;
pub mod receiver;
pub mod render;
