package main

import "fmt"

type Account struct {
	Owner   string
	Balance int
}

func (a *Account) Withdraw(n int) {
	if n > a.Balance {
		panic(fmt.Sprintf("insufficient funds: %s has %d, wants %d", a.Owner, a.Balance, n))
	}
	a.Balance -= n
}

func main() {
	acc := &Account{"ann", 100}
	acc.Withdraw(30)
	fmt.Println("balance", acc.Balance)
	acc.Withdraw(80)
}
