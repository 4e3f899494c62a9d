//! teloxide's dialogue `Storage` over a sled tree (none ships with teloxide).
//! Values are JSON; a value that no longer decodes is reported as
//! [`SledStorageError::Decode`] so the caller can reset that user politely instead
//! of leaving them stuck.

use futures::future::BoxFuture;
use serde::{de::DeserializeOwned, Serialize};
use std::marker::PhantomData;
use std::sync::Arc;
use teloxide::dispatching::dialogue::Storage;
use teloxide::types::ChatId;

#[derive(Debug, thiserror::Error)]
pub enum SledStorageError {
    #[error("session store: {0}")]
    Sled(#[from] sled::Error),
    #[error("stored session does not decode: {0}")]
    Decode(serde_json::Error),
    #[error("session does not encode: {0}")]
    Encode(serde_json::Error),
}

pub struct SledStorage<D> {
    tree: sled::Tree,
    _d: PhantomData<fn() -> D>,
}

impl<D> SledStorage<D> {
    pub fn new(tree: sled::Tree) -> Arc<Self> {
        Arc::new(SledStorage {
            tree,
            _d: PhantomData,
        })
    }
}

fn key(chat: ChatId) -> [u8; 8] {
    chat.0.to_be_bytes()
}

impl<D> Storage<D> for SledStorage<D>
where
    D: Serialize + DeserializeOwned + Send + 'static,
{
    type Error = SledStorageError;

    fn remove_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
    ) -> BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move {
            self.tree.remove(key(chat_id))?;
            Ok(())
        })
    }

    fn update_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
        dialogue: D,
    ) -> BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move {
            let bytes = serde_json::to_vec(&dialogue).map_err(SledStorageError::Encode)?;
            self.tree.insert(key(chat_id), bytes)?;
            Ok(())
        })
    }

    fn get_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
    ) -> BoxFuture<'static, Result<Option<D>, Self::Error>> {
        Box::pin(async move {
            match self.tree.get(key(chat_id))? {
                None => Ok(None),
                Some(bytes) => serde_json::from_slice(&bytes)
                    .map(Some)
                    .map_err(SledStorageError::Decode),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stores_reads_removes_and_reports_undecodable() {
        let db = sled::Config::new().temporary(true).open().unwrap();
        let tree = db.open_tree("s").unwrap();
        let s = SledStorage::<Vec<u32>>::new(tree.clone());
        assert_eq!(s.clone().get_dialogue(ChatId(1)).await.unwrap(), None);
        s.clone()
            .update_dialogue(ChatId(1), vec![1, 2])
            .await
            .unwrap();
        assert_eq!(
            s.clone().get_dialogue(ChatId(1)).await.unwrap(),
            Some(vec![1, 2])
        );
        s.clone().remove_dialogue(ChatId(1)).await.unwrap();
        assert_eq!(s.clone().get_dialogue(ChatId(1)).await.unwrap(), None);
        tree.insert(key(ChatId(2)), b"{not json".to_vec()).unwrap();
        assert!(matches!(
            s.clone().get_dialogue(ChatId(2)).await,
            Err(SledStorageError::Decode(_))
        ));
        // Erased, as the bot uses it.
        let erased = s.erase();
        erased
            .clone()
            .update_dialogue(ChatId(3), vec![3])
            .await
            .unwrap();
        assert_eq!(erased.get_dialogue(ChatId(3)).await.unwrap(), Some(vec![3]));
    }
}
