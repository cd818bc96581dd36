// Bank transfers. Each account has its own lock; a transfer holds the
// source account while a fraud check runs, then locks the destination.
package main

import (
	"fmt"
	"sync"
	"time"
)

type Account struct {
	id      int
	owner   string
	mu      sync.Mutex
	balance int
}

func fraudCheck(amount int) { time.Sleep(10 * time.Millisecond) }

func transfer(from, to *Account, amount int) {
	if from.id > to.id { // always lock the lower id first
		from, to, amount = to, from, -amount
	}
	from.mu.Lock()
	defer from.mu.Unlock()
	fraudCheck(amount)
	to.mu.Lock()
	defer to.mu.Unlock()
	from.balance -= amount
	to.balance += amount
}

func main() {
	alice := &Account{id: 1, owner: "alice", balance: 100}
	bob := &Account{id: 2, owner: "bob", balance: 50}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		transfer(alice, bob, 30) // rent
	}()
	go func() {
		defer wg.Done()
		transfer(bob, alice, 20) // lunch money
	}()
	wg.Wait()
	for _, a := range []*Account{alice, bob} {
		fmt.Printf("%-5s %d\n", a.owner, a.balance)
	}
}
